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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run stopped at any step and resumed from its last checkpoint ends bit for bit as the same run without
 * interruption: same parameters, same running training loss, same validation measurements. The small model has two
 * GRU layers and dropout, input noise and weight decay, so every random draw of a step is exercised; 260 steps reach
 * a validation measurement at 250 (kept as the best or not) and one at the end.
 */
class CharLmCheckpointTest {

    @TempDir Path dir;

    private static final List<String> TRAIN = List.of(NgramModelTest.markovText(31, 4_000), NgramModelTest.markovText(32, 900));
    private static final List<String> VALIDATION = List.of(NgramModelTest.markovText(33, 300));
    private static final CharLmConfig CONFIG = CharLmConfig.of(16, 2, 0.2f);
    private static final CharLmTraining TRAINING = new CharLmTraining(CharLmTrainer.EVAL_EVERY + 10, 4, 16, 0.02f, 9, 0.05f, 0.01f);

    /** Thrown from the progress callback: the process "dies" after that step. */
    private static final class Killed extends RuntimeException {
        Killed(int step) { super("killed after step " + step); }
    }

    /** A finished run: its model file's bytes and every step's progress. */
    private record Finished(byte[] model, List<CharLmProgress> progress) {}

    private Finished run(CharLmTraining training, CharLmCheckpointing checkpointing, int killAfter, List<CharLmProgress> progress) {
        Consumer<CharLmProgress> p = e -> {
            progress.add(e);
            if (e.step() == killAfter) throw new Killed(killAfter);
        };
        try (CharLm lm = CharLm.train(TRAIN, VALIDATION, CONFIG, training, s -> { }, p, checkpointing)) {
            Path file = dir.resolve("model-" + progress.size() + "-" + System.nanoTime() + ".swlm");
            lm.save(file);
            return new Finished(Files.readAllBytes(file), progress);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRunKilledTwiceAndResumedEndsBitForBitAsTheUninterruptedRun() throws Exception {
        Finished straight = run(TRAINING, null, -1, new ArrayList<>());
        assertEquals(TRAINING.steps(), straight.progress().size());

        CharLmCheckpointing ck = new CharLmCheckpointing(dir.resolve("run.swlm.ckpt"), 50);
        List<CharLmProgress> resumed = new ArrayList<>();
        assertThrows(Killed.class, () -> run(TRAINING, ck, 70, resumed));        // last checkpoint: step 50
        assertTrue(Files.exists(ck.file()));
        assertThrows(Killed.class, () -> run(TRAINING, ck, 255, resumed));       // resumes at 51; last checkpoint: 250, after a validation
        Finished end = run(TRAINING, ck, -1, resumed);                            // resumes at 251

        assertArrayEquals(straight.model(), end.model(), "the same parameters, bit for bit");
        // steps 51-70 and 251-255 were done twice; each time exactly as in the uninterrupted run
        List<CharLmProgress> expected = new ArrayList<>(straight.progress().subList(0, 70));
        expected.addAll(straight.progress().subList(50, 255));
        expected.addAll(straight.progress().subList(250, TRAINING.steps()));
        assertEquals(expected.size(), resumed.size());
        for (int i = 0; i < expected.size(); i++) {
            CharLmProgress a = expected.get(i), b = resumed.get(i);
            assertEquals(a.step(), b.step());
            assertEquals(a.trainBits(), b.trainBits(), 0.0, "running training loss at step " + a.step());
            assertEquals(a.validationBits(), b.validationBits(), 0.0, "validation at step " + a.step());
            assertEquals(a.best(), b.best(), "best at step " + a.step());
        }
        CharLmProgress last = resumed.get(resumed.size() - 1);
        assertFalse(Double.isNaN(last.validationBits()), "measured at the end");
    }

    @Test
    void aCheckpointOfAnotherRunOrACorruptOneIsRefusedNamingTheFile() throws Exception {
        CharLmCheckpointing ck = new CharLmCheckpointing(dir.resolve("other.ckpt"), 10);
        CharLmTraining short20 = new CharLmTraining(20, 4, 16, 0.02f, 9, 0.05f, 0.01f);
        assertThrows(Killed.class, () -> run(short20, ck, 15, new ArrayList<>()));
        CharLmTraining otherLr = new CharLmTraining(20, 4, 16, 0.03f, 9, 0.05f, 0.01f);
        ModelFileException e = assertThrows(ModelFileException.class, () -> run(otherLr, ck, -1, new ArrayList<>()));
        assertTrue(e.getMessage().contains("other.ckpt") && e.getMessage().contains("checkpoint of another run: training"), e.getMessage());
        assertEquals(ck.file(), e.path());

        byte[] b = Files.readAllBytes(ck.file());
        b[b.length / 2] ^= 1;
        Files.write(ck.file(), b);
        e = assertThrows(ModelFileException.class, () -> run(short20, ck, -1, new ArrayList<>()));
        assertTrue(e.getMessage().contains("other.ckpt") && e.getMessage().contains("checksum"), e.getMessage());
    }
}
