package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The character Transformer on small models: distributions, a closed-form toy task (a periodic text, where every gap
 * has one right filling), the model file, exact resumption, and the {@link InfillRestorer} on the toy task.
 */
class CharTransformerTest {

    @TempDir Path dir;

    /** ΑΒΓΔ repeated: the letter at any place follows from any visible neighbour. */
    static final String PERIOD = "ΑΒΓΔ";
    private static final List<String> TOY = List.of(PERIOD.repeat(60), PERIOD.repeat(40).substring(1));
    private static final CharTransformerConfig TINY = CharTransformerConfig.of(16, 32, 2, 2, 0f);

    private static CharTransformer toy;

    @BeforeAll
    static void trainToy() {
        toy = CharTransformer.train(TOY, List.of(), TINY, new CharTransformerTraining(800, 16, 0.002f, 20, 0f, 3), s -> { }, p -> { }, null);
    }

    @AfterAll
    static void closeToy() { toy.close(); }

    @Test
    void everyUnknownPositionGetsADistributionAndFilledOnesTheirLetter() {
        try (CharTransformer tf = CharTransformer.create(CharTransformerConfig.of(24, 16, 1, 2, 0.1f), 5)) {
            List<double[][]> out = tf.gapLogProbs("ΚΑΙΕΓ", List.of("...", "Ε.Ν"), "ΝΕΤΟ");
            assertEquals(2, out.size());
            for (double[][] rows : out) {
                assertEquals(3, rows.length);
                for (double[] row : rows) {
                    assertEquals(CharModel.ALPHABET_SIZE, row.length);
                    double s = 0;
                    for (double x : row) s += Math.exp(x);
                    assertEquals(1, s, 1e-4);
                }
            }
            assertEquals(0, out.get(1)[0][PapyrusText.letterIndex('Ε')]);
            assertEquals(Double.NEGATIVE_INFINITY, out.get(1)[0][PapyrusText.letterIndex('Α')]);
            // contexts longer than the window are cut to fit; a gap of the whole window still reads
            assertEquals(24, tf.gapLogProbs("Α".repeat(100), 24, "Β".repeat(100)).length);
            assertEquals(2, tf.gapLogProbs("", 2, "").length);
            assertThrows(IllegalArgumentException.class, () -> tf.gapLogProbs("", 25, ""));
            assertThrows(IllegalArgumentException.class, () -> tf.gapLogProbs("ΚΑx", 2, ""));
            assertThrows(IllegalArgumentException.class, () -> tf.gapLogProbs("", List.of("..", "..."), ""));
        }
    }

    @Test
    void aTinyModelTrainedOnAPeriodicTextFillsAThreeLetterGapExactly() {
        // left ends in Β; the gap is ΓΔΑ; the right starts with Β
        double[][] lp = toy.gapLogProbs("ΑΒΓΔΑΒ", 3, "ΒΓΔΑ");
        String truth = "ΓΔΑ";
        for (int p = 0; p < 3; p++) {
            int best = 0;
            for (int a = 1; a < lp[p].length; a++) if (lp[p][a] > lp[p][best]) best = a;
            assertEquals(truth.charAt(p), PapyrusText.ALPHABET.charAt(best), "position " + p);
            assertTrue(lp[p][best] > Math.log(0.9), "confident at " + p + ": " + Math.exp(lp[p][best]));
        }
    }

    @Test
    void theInfillRestorerReturnsTheGapsLengthAndTheTruthFirst() {
        InfillRestorer r = new InfillRestorer(toy, 4);
        List<Restorer.Candidate> c = r.restore("ΔΑΒΓΔΑ", 5, "ΓΔΑΒ", 10);
        assertEquals(10, c.size());
        for (Restorer.Candidate x : c) assertEquals(5, x.filling().length());
        assertEquals("ΒΓΔΑΒ", c.get(0).filling());
        for (int i = 1; i < c.size(); i++) assertTrue(c.get(i - 1).logProb() >= c.get(i).logProb(), "best first");
        assertEquals(c.get(0).logProb(), r.score("ΔΑΒΓΔΑ", "ΒΓΔΑΒ", "ΓΔΑΒ"), 1e-9);
        // a one-letter lacuna: the letters ranked by the model's distribution
        List<Restorer.Candidate> one = r.restore("ΑΒ", 1, "ΔΑ", 24);
        assertEquals(24, one.size());
        assertEquals("Γ", one.get(0).filling());
        assertEquals("Γ", r.best("ΑΒ", 1, "ΔΑ"));
    }

    @Test
    void saveAndLoadGiveIdenticalLogProbs() throws Exception {
        Path file = dir.resolve("toy.swtf");
        toy.save(file);
        assertEquals(PriorModels.Kind.TRANSFORMER, PriorModels.kind(file));
        try (CharTransformer back = PriorModels.loadInfill(file)) {
            assertEquals(toy.config(), back.config());
            double[][] a = toy.gapLogProbs("ΑΒΓΔΑΒ", "..Α.", "ΓΔΑ"), b = back.gapLogProbs("ΑΒΓΔΑΒ", "..Α.", "ΓΔΑ");
            for (int p = 0; p < a.length; p++) assertArrayEquals(a[p], b[p], 0.0);
        }
        ModelFileException e = assertThrows(ModelFileException.class, () -> PriorModels.load(file));
        assertTrue(e.getMessage().contains("infill"), e.getMessage());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertThrows(ModelFileException.class, () -> CharTransformer.load(file));
    }

    /** Thrown from the progress callback: the process "dies" after that step. */
    private static final class Killed extends RuntimeException {
        Killed(int step) { super("killed after step " + step); }
    }

    private byte[] run(CharTransformerConfig config, CharTransformerTraining t, List<String> val, CharLmCheckpointing ck, int killAfter,
                       List<CharLmProgress> progress) throws Exception {
        Consumer<CharLmProgress> p = e -> {
            progress.add(e);
            if (e.step() == killAfter) throw new Killed(killAfter);
        };
        try (CharTransformer tf = CharTransformer.train(TOY, val, config, t, s -> { }, p, ck)) {
            Path file = dir.resolve("m" + System.nanoTime() + ".swtf");
            tf.save(file);
            return Files.readAllBytes(file);
        }
    }

    @Test
    void aRunKilledAndResumedEndsBitForBitAsTheUninterruptedRun() throws Exception {
        // dropout and weight decay on, so every random draw of a step is exercised; a validation measurement at 250 and at the end
        CharTransformerConfig config = CharTransformerConfig.of(16, 16, 1, 2, 0.2f);
        CharTransformerTraining t = new CharTransformerTraining(CharTransformerTrainer.EVAL_EVERY + 6, 4, 0.005f, 5, 0.01f, 7);
        List<String> val = List.of(PERIOD.repeat(10));
        List<CharLmProgress> straightP = new ArrayList<>();
        byte[] straight = run(config, t, val, null, -1, straightP);

        CharLmCheckpointing ck = new CharLmCheckpointing(dir.resolve("run.swtf.ckpt"), 20);
        List<CharLmProgress> resumed = new ArrayList<>();
        assertThrows(Killed.class, () -> run(config, t, val, ck, 33, resumed));      // last checkpoint: step 20
        assertTrue(Files.exists(ck.file()));
        byte[] end = run(config, t, val, ck, -1, resumed);                           // resumes at 21
        assertArrayEquals(straight, end, "the same parameters, bit for bit");
        List<CharLmProgress> expected = new ArrayList<>(straightP.subList(0, 33));
        expected.addAll(straightP.subList(20, t.steps()));
        assertEquals(expected.size(), resumed.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).step(), resumed.get(i).step());
            assertEquals(expected.get(i).trainBits(), resumed.get(i).trainBits(), 0.0, "running loss at step " + expected.get(i).step());
            assertEquals(expected.get(i).validationBits(), resumed.get(i).validationBits(), 0.0);
        }
        assertFalse(Double.isNaN(resumed.get(resumed.size() - 1).validationBits()), "measured at the end");
        // another run's checkpoint is refused
        CharTransformerTraining other = new CharTransformerTraining(t.steps(), 4, 0.005f, 5, 0.01f, 8);
        assertThrows(ModelFileException.class, () -> run(config, other, val, ck, -1, new ArrayList<>()));
    }

    @Test
    void theLearningRateWarmsUpThenFallsByACosine() {
        CharTransformerTraining t = new CharTransformerTraining(110, 1, 1f, 10, 0f, 1);
        assertEquals(0.1f, t.learningRateAt(1), 1e-6);
        assertEquals(1f, t.learningRateAt(10), 1e-6);
        assertEquals(0.525f, t.learningRateAt(60), 1e-5);
        assertEquals(0.05f, t.learningRateAt(110), 1e-6);
    }
}
