package org.scrollwork.experiments.aunn.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;

/** The modular DAG: grouping, the combining node against an independent computation, training, and what the consistency loss does. */
class ModularAunnTest {
    private static final InMemoryByteSource SOURCE = InMemoryByteSource.of(16, Fixtures.structuredVolume(16));
    private static final Grouping TWO = new Grouping(new long[] {0, 2048});

    private static AunnConfig module() {
        return Fixtures.small().withShape(16, 1).withBatchSize(128).withOptim(1e-2, 5, 200, 0.0);
    }

    @Test
    void groupsAreIntervals() {
        Grouping g = new Grouping(new long[] {0, 10, 25});
        assertEquals(0, g.groupOf(0));
        assertEquals(0, g.groupOf(9));
        assertEquals(1, g.groupOf(10));
        assertEquals(1, g.groupOf(24));
        assertEquals(2, g.groupOf(1L << 40));
        assertThrows(IllegalArgumentException.class, () -> new Grouping(new long[] {1, 5}));
        assertThrows(IllegalArgumentException.class, () -> new Grouping(new long[] {0, 5, 5}));
    }

    @Test
    void combinedPredictionIsTheNormalisedGeometricMeanOfSharedAndOwnModule() {
        try (ModularAunn m = new ModularAunn(module(), TWO, 0.5)) {
            for (int s = 0; s < 5; s++) m.step(batch(s), bytes(batch(s)));
            long[] idx = {5, 3000, 17, 2048, 2047, 4095, 100};
            float[] got = m.logProbabilities(idx, 3);
            float[] shared = Predictor.logits(m.shared(), idx, 64);
            for (int i = 0; i < idx.length; i++) {
                AunnModel own = m.module(idx[i] < 2048 ? 0 : 1);
                float[] mine = Predictor.logits(own, new long[] {idx[i]}, 1);
                double[] a = logSoftmax(shared, i * 256), b = logSoftmax(mine, 0);
                float[] mean = new float[256];
                for (int o = 0; o < 256; o++) mean[o] = (float) ((a[o] + b[o]) / 2);
                double[] want = logSoftmax(mean, 0);
                for (int o = 0; o < 256; o++) assertEquals(want[o], got[i * 256 + o], 1e-4, "index " + idx[i] + " byte " + o);
            }
        }
    }

    @Test
    void consistencyLossBringsTheOverlappingPredictionsTogether() {
        long[] probe = new long[512];
        for (int i = 0; i < probe.length; i++) probe[i] = i * 8L;
        double[] divergence = new double[2];
        double[] bits = new double[2];
        double[] weights = {0.0, 2.0};
        for (int v = 0; v < 2; v++) {
            try (ModularAunn m = new ModularAunn(module(), TWO, weights[v])) {
                double first = m.bitsPerByte(SOURCE, probe, 256);
                for (int s = 0; s < 120; s++) m.step(batch(s), bytes(batch(s)));
                bits[v] = m.bitsPerByte(SOURCE, probe, 256);
                assertTrue(bits[v] < first - 1, "training lowers bits: " + first + " -> " + bits[v]);
                divergence[v] = jeffreys(m, probe);
            }
        }
        assertTrue(divergence[1] < 0.5 * divergence[0], "consistency 2.0 vs 0: Jeffreys divergence " + divergence[1] + " vs " + divergence[0]);
    }

    private static double jeffreys(ModularAunn m, long[] probe) {
        float[] s = Predictor.logits(m.shared(), probe, 256);
        double sum = 0;
        for (int i = 0; i < probe.length; i++) {
            float[] g = Predictor.logits(m.module(m.grouping().groupOf(probe[i])), new long[] {probe[i]}, 1);
            double[] a = logSoftmax(s, i * 256), b = logSoftmax(g, 0);
            for (int o = 0; o < 256; o++) sum += (Math.exp(a[o]) - Math.exp(b[o])) * (a[o] - b[o]);
        }
        return sum / probe.length;
    }

    private static long[] batch(int step) {
        long[] idx = new long[128];
        for (int i = 0; i < idx.length; i++) idx[i] = ((step * 128L + i) * 2654435761L) & 4095;
        return idx;
    }

    private static int[] bytes(long[] idx) {
        int[] b = new int[idx.length];
        SOURCE.bytesAt(idx, b);
        return b;
    }

    private static double[] logSoftmax(float[] l, int off) {
        double max = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < 256; o++) max = Math.max(max, l[off + o]);
        double z = 0;
        for (int o = 0; o < 256; o++) z += Math.exp(l[off + o] - max);
        double[] out = new double[256];
        for (int o = 0; o < 256; o++) out[o] = l[off + o] - max - Math.log(z);
        return out;
    }
}
