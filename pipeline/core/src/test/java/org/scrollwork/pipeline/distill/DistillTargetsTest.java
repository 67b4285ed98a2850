package org.scrollwork.pipeline.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.prior.PapyrusText;

class DistillTargetsTest {
    static {
        // one intra-op thread: the shared 2-core machine oversubscribes PyTorch's default pool (see CharLm)
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty("ai.djl.pytorch.num_threads", "1");
    }

    @TempDir Path dir;

    static String randomLetters(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(PapyrusText.ALPHABET.charAt(r.nextInt(24)));
        return sb.toString();
    }

    @Test
    void letterBytesAreTheUtf8OfTheCapitals() {
        for (int k = 0; k < 24; k++) {
            byte[] utf8 = String.valueOf(PapyrusText.ALPHABET.charAt(k)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(2, utf8.length);
            assertEquals(LetterBytes.LEAD, utf8[0] & 0xFF);
            assertEquals(utf8[1] & 0xFF, LetterBytes.continuation(k));
            assertEquals(k, LetterBytes.letterOfContinuation(utf8[1]));
        }
    }

    @Test
    void readsLettersAndHidesMaskedOnes() {
        String text = randomLetters(50, 1);
        int id = PapyrusCorpora.create(dir.resolve("c"), text, new int[][] {{10, 13}, {40, 41}});
        try (Corpus c = Corpus.open(dir.resolve("c"))) {
            PapyrusRecord r = PapyrusRecord.read(c, id);
            assertEquals(text.substring(0, 10) + "???" + text.substring(13, 40) + "?" + text.substring(41), r.letters());
            assertEquals(2, r.hiddenSpans().size());
            assertEquals(List.of(10, 13, 40, 41), List.of(r.hiddenSpans().get(0)[0], r.hiddenSpans().get(0)[1], r.hiddenSpans().get(1)[0], r.hiddenSpans().get(1)[1]));
        }
    }

    /** Mean KL(teacher || AUNN) in bits over the letters (visible or hidden). */
    private static double meanKl(AunnModel model, PapyrusRecord r, Teaching t, boolean hidden) {
        double[][] q = Distiller.letterDistributions(model, r);
        double s = 0;
        int n = 0;
        for (int i = 0; i < r.length(); i++) {
            if (r.visible(i) == hidden) continue;
            double[] p = new double[24];
            for (int k = 0; k < 24; k++) p[k] = t.letterProbs()[i][k];
            s += Provenance.klBits(p, q[i]);
            n++;
        }
        return s / n;
    }

    @Test
    void softTargetsMoveTheAunnTowardsAClosedFormBigramTeacher() {
        String text = randomLetters(160, 2);
        int id = PapyrusCorpora.create(dir.resolve("c"), text, new int[][] {{20, 25}, {90, 92}, {130, 131}});
        AunnConfig cfg = AunnConfig.defaults().withIndexBits(20).withShape(64, 2).withBatchSize(64).withOptim(3e-3, 0, 1000, 0.0);
        try (Corpus c = Corpus.open(dir.resolve("c")); AunnModel model = new AunnModel(cfg); AunnTrainer trainer = new AunnTrainer(model)) {
            PapyrusRecord r = PapyrusRecord.read(c, id);
            Teaching t = new BigramTeacher().teach(r);
            double visibleBefore = meanKl(model, r, t, false), hiddenBefore = meanKl(model, r, t, true);
            DistillOptions o = new DistillOptions(1.0, 0, 0, 300, 64, 1, 3e-3, 5);
            try (Distiller d = new Distiller(trainer, c, List.of(r), List.of(t), null, o)) {
                d.run((s, x) -> { });
            }
            double visibleAfter = meanKl(model, r, t, false), hiddenAfter = meanKl(model, r, t, true);
            System.out.printf("KL(teacher || AUNN) bits: visible %.3f -> %.3f, hidden %.3f -> %.3f%n", visibleBefore, visibleAfter, hiddenBefore, hiddenAfter);
            // the teacher's distributions are reachable (any distribution per index): the KL must at least halve
            assertTrue(visibleAfter < 0.5 * visibleBefore, visibleBefore + " -> " + visibleAfter);
            assertTrue(hiddenAfter < 0.5 * hiddenBefore, hiddenBefore + " -> " + hiddenAfter);
            // at a hidden letter the teacher's top letter is prev + 1 (for the first letter of a span, prev is visible)
            double[][] q = Distiller.letterDistributions(model, r);
            char prev = r.letters().charAt(19);
            assertEquals(PapyrusText.ALPHABET.charAt((PapyrusText.letterIndex(prev) + 1) % 24), Distiller.argmax(q[20]));
        }
    }

    /** Mean squared error of the embedding head against the teacher's hidden rows, at the continuation bytes. */
    private static double embeddingMse(AunnModel model, PapyrusRecord r, Teaching t) {
        long[] idx = new long[r.length()];
        for (int i = 0; i < idx.length; i++) idx[i] = r.continuationIndex(i);
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager(model.device())) {
            float[] e = model.forward(m, idx, false).embedding().toFloatArray();
            int d = t.embeddingSize();
            double s = 0;
            for (int i = 0; i < idx.length; i++) for (int j = 0; j < d; j++) s += Math.pow(e[i * d + j] - t.hidden()[i][j], 2);
            return s / (idx.length * d);
        }
    }

    @Test
    void embeddingTargetsPullTheEmbeddingHeadOntoTheTeachersHiddenState() {
        String text = randomLetters(120, 3);
        int id = PapyrusCorpora.create(dir.resolve("c"), text, new int[][] {{30, 34}});
        AunnConfig cfg = AunnConfig.defaults().withIndexBits(20).withShape(64, 2).withHeads(24, 0).withBatchSize(64).withOptim(3e-3, 0, 1000, 0.0);
        try (Corpus c = Corpus.open(dir.resolve("c")); AunnModel model = new AunnModel(cfg); AunnTrainer trainer = new AunnTrainer(model)) {
            PapyrusRecord r = PapyrusRecord.read(c, id);
            Teaching b = new BigramTeacher().teach(r);
            // closed-form "hidden state": the one-hot of the previous letter of the teacher's context (zero at the start)
            float[][] hidden = new float[r.length()][24];
            for (int i = 1; i < r.length(); i++) hidden[i][PapyrusText.letterIndex(b.context().charAt(i - 1))] = 1f;
            Teaching t = new Teaching(b.letterProbs(), hidden, b.context());
            double before = embeddingMse(model, r, t);
            try (Distiller d = new Distiller(trainer, c, List.of(r), List.of(t), null, new DistillOptions(0.5, 1.0, 0, 200, 64, 1, 3e-3, 5))) {
                d.run((s, x) -> { });
            }
            double after = embeddingMse(model, r, t);
            System.out.printf("embedding MSE %.4f -> %.4f%n", before, after);
            assertTrue(after < 0.5 * before, before + " -> " + after);
        }
    }
}
