package org.scrollwork.experiments.aunn.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;

class LocalUpdateTest {

    /** The delta rule on the head against the closed form computed here in plain Java (depth 0: LN(W x + b) → head). */
    @Test
    void deltaRuleIsTheClosedFormHeadUpdate() {
        AunnConfig c = Fixtures.small().withIndexBits(6).withShape(8, 0);
        long[] idx = {3, 17, 42};
        int[] bytes = {7, 200, 7};
        double lr = 0.3;
        try (AunnModel m = new AunnModel(c); LocalUpdate u = new LocalUpdate(m, LocalUpdate.Rule.DELTA, 1)) {
            Map<String, float[]> p = m.exportParameters();
            int w = 8;
            double[][] z = new double[idx.length][w];
            double[][] e = new double[idx.length][256];
            for (int n = 0; n < idx.length; n++) {
                double[] h = new double[w];
                for (int i = 0; i < w; i++) {
                    h[i] = p.get("input.bias")[i];
                    for (int j = 0; j < 6; j++) h[i] += p.get("input.weight")[i * 6 + j] * (((idx[n] >> (5 - j)) & 1) == 1 ? 1 : -1);
                }
                double mean = 0, var = 0;
                for (double v : h) mean += v / w;
                for (double v : h) var += (v - mean) * (v - mean) / w;
                for (int i = 0; i < w; i++) z[n][i] = (h[i] - mean) / Math.sqrt(var + 1e-5) * p.get("norm.weight")[i] + p.get("norm.bias")[i];
                double[] logit = new double[256];
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 256; k++) {
                    logit[k] = p.get("head.bias")[k];
                    for (int i = 0; i < w; i++) logit[k] += p.get("head.weight")[k * w + i] * z[n][i];
                    max = Math.max(max, logit[k]);
                }
                double sum = 0;
                for (int k = 0; k < 256; k++) sum += Math.exp(logit[k] - max);
                for (int k = 0; k < 256; k++) e[n][k] = Math.exp(logit[k] - max) / sum - (k == bytes[n] ? 1 : 0);
            }
            float[] wantW = p.get("head.weight").clone();
            float[] wantB = p.get("head.bias").clone();
            for (int k = 0; k < 256; k++) {
                for (int n = 0; n < idx.length; n++) {
                    wantB[k] -= (float) (lr * e[n][k] / idx.length);
                    for (int i = 0; i < w; i++) wantW[k * w + i] -= (float) (lr * e[n][k] * z[n][i] / idx.length);
                }
            }
            u.update(idx, bytes, lr);
            Map<String, float[]> after = m.exportParameters();
            assertArrayEquals(wantW, after.get("head.weight"), 2e-5f);
            assertArrayEquals(wantB, after.get("head.bias"), 2e-5f);
            assertArrayEquals(p.get("input.weight"), after.get("input.weight"), 0f, "only the head learns");
        }
    }

    @Test
    void theForwardPassKeepingActivationsIsTheModelsForwardPass() {
        long[] idx = {0, 1, 999, 65535};
        try (AunnModel m = new AunnModel(Fixtures.small()); NDManager sm = NDManager.newBaseManager()) {
            float[] want = Predictor.logits(m, idx, 16);
            assertArrayEquals(want, LocalUpdate.forward(sm, m, idx).logits().toFloatArray(), 1e-5f);
        }
    }

    @Test
    void bothRulesLowerTheLossOfNewBytesAndOnlyDfaChangesTheBlocks() {
        long[] idx = new long[64];
        int[] bytes = new int[64];
        for (int i = 0; i < 64; i++) {
            idx[i] = 5000 + i;
            bytes[i] = (i * 37) % 4 * 60;
        }
        for (LocalUpdate.Rule rule : LocalUpdate.Rule.values()) {
            try (AunnModel m = new AunnModel(Fixtures.small()); LocalUpdate u = new LocalUpdate(m, rule, 3)) {
                float[] fc2 = m.exportParameters().get("blocks.1.fc2.weight");
                double first = u.update(idx, bytes, 0.5);
                double last = first;
                for (int s = 0; s < 30; s++) last = u.update(idx, bytes, 0.5);
                assertTrue(last < first - 3, rule + ": " + first + " -> " + last + " bits");
                boolean changed = !java.util.Arrays.equals(fc2, m.exportParameters().get("blocks.1.fc2.weight"));
                assertEquals(rule == LocalUpdate.Rule.DFA, changed, rule + " changes the blocks: " + changed);
            }
        }
    }
}
