package org.scrollwork.aunn.train;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.SplitMix64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistillationTest {

    @Test
    void softTargetsAndEmbeddingsAreLearned() {
        int n = 64;
        int e = 4;
        long[] idx = new long[n];
        float[] soft = new float[n * 256];
        float[] emb = new float[n * e];
        SplitMix64 r = new SplitMix64(8);
        for (int i = 0; i < n; i++) {
            idx[i] = 100 + i;
            soft[i * 256 + (i % 3)] = 0.7f; // teacher: 0.7 / 0.3 over two letters
            soft[i * 256 + 10 + (i % 3)] = 0.3f;
            for (int k = 0; k < e; k++) emb[i * e + k] = (float) r.nextGaussian();
        }
        try (AunnModel m = new AunnModel(Fixtures.small().withHeads(e, 0)); AunnTrainer t = new AunnTrainer(m)) {
            Targets targets = new Targets(null, soft, emb, 1.0);
            for (int s = 0; s < 300; s++) t.step(idx, targets, 3e-3);
            double[][] p = Predictor.distributions(m, idx, 64);
            for (int i = 0; i < n; i++) {
                assertEquals(0.7, p[i][i % 3], 0.05, "p(top) at " + i);
                assertEquals(0.3, p[i][10 + i % 3], 0.05, "p(second) at " + i);
            }
            double err = 0;
            try (var root = ai.djl.ndarray.NDManager.newBaseManager(); var sm = root.newSubManager()) {
                float[] got = m.forward(sm, idx, false).embedding().toFloatArray();
                for (int i = 0; i < got.length; i++) err += (got[i] - emb[i]) * (got[i] - emb[i]);
            }
            assertTrue(err / emb.length < 0.05, "embedding mse " + err / emb.length);
        }
    }

    @Test
    void embeddingTargetsNeedAnEmbeddingHead() {
        try (AunnModel m = new AunnModel(Fixtures.small()); AunnTrainer t = new AunnTrainer(m)) {
            assertThrows(IllegalArgumentException.class, () -> t.step(new long[] {1}, new Targets(new int[] {1}, null, new float[4], 1.0), 1e-3));
        }
    }
}
