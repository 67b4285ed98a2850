package org.scrollwork.aunn.eval;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.model.SplitMix64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictorTest {

    private static double[] pointMass(int b) {
        double[] p = new double[256];
        p[b] = 1;
        return p;
    }

    @Test
    void expectedVoxelCombinesBytesMostSignificantFirst() {
        double[] half = new double[256];
        half[0] = 0.5;
        half[255] = 0.5; // E = 127.5
        double[][] rows = {pointMass(0x12), pointMass(0x34), half, pointMass(2)};
        double[] v = Predictor.expectedVoxels(rows, 2);
        assertEquals(0x1234, v[0], 1e-9);
        assertEquals(127.5 * 256 + 2, v[1], 1e-9);
    }

    @Test
    void expectedByteFromLogitsMatchesClosedFormsAndTheDistribution() {
        float[] g = new float[256]; // a discretized Gaussian, mean 100.3, far from 0 and 255: its mean is 100.3 to ~1e-300
        for (int b = 0; b < 256; b++) g[b] = (float) (-(b - 100.3) * (b - 100.3) / (2 * 7.0 * 7.0));
        assertEquals(100.3, Predictor.expectedByte(g, 0), 1e-5); // float logits: about 1e-6 of rounding in each
        float[] ends = new float[512];
        java.util.Arrays.fill(ends, -1000f);
        ends[256] = 2f;
        ends[256 + 255] = 2f;
        assertEquals(127.5, Predictor.expectedBytes(ends)[1], 0.0);
        SplitMix64 r = new SplitMix64(3);
        float[] rows = new float[256 * 50];
        for (int i = 0; i < rows.length; i++) rows[i] = (float) (r.nextDouble() * 60 - 30);
        double[] e = Predictor.expectedBytes(rows);
        for (int i = 0; i < 50; i++) assertEquals(Predictor.expectedByte(Sampler.softmax(rows, i * 256, 1.0)), e[i], 1e-10, "row " + i);
    }

    @Test
    void temperatureZeroAndTopOneAreArgmax() {
        float[] logits = new float[256];
        logits[77] = 3f;
        logits[78] = 2.9f;
        SplitMix64 r = new SplitMix64(1);
        assertEquals(77, Sampler.sample(logits, 0, 0.0, 256, r));
        assertEquals(77, Sampler.sample(logits, 0, 5.0, 1, r));
    }

    @Test
    void topKRestrictsDrawsAndFrequenciesFollowTheSoftmax() {
        float[] logits = new float[256];
        logits[10] = (float) Math.log(3);
        logits[20] = 0f;
        for (int b = 0; b < 256; b++) if (b != 10 && b != 20) logits[b] = -1f;
        SplitMix64 r = new SplitMix64(42);
        int n = 20000;
        int ten = 0;
        for (int i = 0; i < n; i++) {
            int b = Sampler.sample(logits, 0, 1.0, 2, r);
            assertTrue(b == 10 || b == 20, "top-2 drew " + b);
            if (b == 10) ten++;
        }
        assertEquals(0.75, ten / (double) n, 0.015); // p(10) : p(20) = 3 : 1 among the top 2
    }

    @Test
    void softmaxWithTemperatureIsAClosedForm() {
        float[] logits = new float[256];
        logits[1] = 2f;
        double[] p = Sampler.softmax(logits, 0, 2.0);
        double z = 255 + Math.E;
        assertEquals(Math.E / z, p[1], 1e-12);
        assertEquals(1 / z, p[0], 1e-12);
    }
}
