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
