package org.scrollwork.aunn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.SplitMix64;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;

/**
 * The expected bytes computed in the engine in float32 ({@link Predictor#expectedBytes(NDArray)},
 * {@link Predictor#expectedVoxelValues}) against closed forms and against {@code sum_b b e^(l_b - max) / sum_b e^(l_b - max)}
 * written out here in float64 on the same logits (not the heap path under test elsewhere).
 */
class EngineExpectationTest {

    /** Textbook float64 expectation of one row of 256 logits. */
    private static double reference(float[] l, int off) {
        double max = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < 256; b++) max = Math.max(max, l[off + b]);
        double z = 0, m = 0;
        for (int b = 0; b < 256; b++) {
            double e = Math.exp(l[off + b] - max);
            z += e;
            m += b * e;
        }
        return m / z;
    }

    private static float[] engine(float[] rows) {
        try (NDManager nd = NDManager.newBaseManager()) {
            NDArray l = nd.create(rows, new Shape(rows.length / 256, 256));
            return Predictor.expectedBytes(l).toFloatArray();
        }
    }

    @Test
    void closedForms() {
        int rows = 5;
        float[] l = new float[rows * 256];
        // row 0: uniform, E = 127.5
        // row 1: a discretized Gaussian of mean 100.3, far from both ends: E = 100.3 (to ~1e-300)
        for (int b = 0; b < 256; b++) l[256 + b] = (float) (-(b - 100.3) * (b - 100.3) / (2 * 7.0 * 7.0));
        // row 2: only bytes 0 and 255 carry mass, equally: E = 127.5
        for (int b = 0; b < 256; b++) l[512 + b] = b == 0 || b == 255 ? 2f : -1000f;
        // row 3: geometric, p_b ∝ r^b with r = 0.9: E = r/(1-r) - 256 r^256/(1-r^256)
        double r = 0.9;
        for (int b = 0; b < 256; b++) l[768 + b] = (float) (b * Math.log(r));
        // row 4: one byte far above the rest (softmax saturates): E = 77
        for (int b = 0; b < 256; b++) l[1024 + b] = b == 77 ? 500f : 0f;
        float[] e = engine(l);
        assertEquals(rows, e.length);
        assertEquals(127.5, e[0], 1e-4);
        assertEquals(100.3, e[1], 1e-3); // float32 logits and probabilities
        assertEquals(127.5, e[2], 1e-4);
        assertEquals(r / (1 - r) - 256 * Math.pow(r, 256) / (1 - Math.pow(r, 256)), e[3], 1e-4);
        assertEquals(77, e[4], 1e-4);
    }

    @Test
    void randomLogitsAgreeWithFloat64WithinFloat32Rounding() {
        SplitMix64 rnd = new SplitMix64(11);
        int rows = 300;
        float[] l = new float[rows * 256];
        for (int i = 0; i < l.length; i++) l[i] = (float) (rnd.nextDouble() * 60 - 30 + (i / 256 % 3 == 0 ? 0 : i % 256 * 0.2));
        float[] e = engine(l);
        double worst = 0;
        for (int i = 0; i < rows; i++) worst = Math.max(worst, Math.abs(e[i] - reference(l, i * 256)));
        assertTrue(worst < 2e-4, "worst |float32 engine - float64| = " + worst);
        assertThrows(IllegalArgumentException.class, () -> {
            try (NDManager nd = NDManager.newBaseManager()) {
                Predictor.expectedBytes(nd.create(new float[255], new Shape(1, 255)));
            }
        });
    }

    @Test
    void voxelValuesOfATrainedModelAgreeWithFloat64AndRoundAlike() {
        InMemoryByteSource source = InMemoryByteSource.of(16, Fixtures.structuredVolume(16));
        AunnConfig config = Fixtures.small().withOptim(3e-3, 5, 30, 0.01);
        try (AunnModel m = new AunnModel(config); AunnTrainer t = new AunnTrainer(m)) {
            t.train(source, new UniformRandom(128, 5), 30); // peaked distributions, not the initial near-uniform ones
            long[] idx = new long[2 * 250];
            for (int i = 0; i < idx.length; i++) idx[i] = (i * 131L) % 4096;
            int batch = 100; // the same batches on both paths: float32 logits differ across batch sizes in the last bits
            float[] l = Predictor.logits(m, idx, batch);
            double[] u8 = Predictor.expectedVoxelValues(m, idx, batch, 1);
            double[] u16 = Predictor.expectedVoxelValues(m, idx, batch, 2);
            int flips = 0;
            for (int i = 0; i < idx.length; i++) assertEquals(reference(l, i * 256), u8[i], 2e-4, "byte " + i); // measured: 1.5e-5
            for (int v = 0; v < u16.length; v++) {
                double want = 256 * reference(l, 2 * v * 256) + reference(l, (2 * v + 1) * 256);
                assertEquals(want, u16[v], 0.02, "voxel " + v); // 256 × the byte's 2e-4 bound (measured: 3.6e-3)
                long a = Math.round(want), b = Math.round(u16[v]);
                // rounded to uint16 they agree except right at a half, where they may differ by one level
                if (a != b) {
                    flips++;
                    assertEquals(1, Math.abs(a - b), "voxel " + v);
                    assertTrue(Math.abs(want - Math.floor(want) - 0.5) < 0.02, "voxel " + v + " changed level " + a + " -> " + b + " away from a half: " + want);
                }
            }
            assertTrue(flips <= 2, flips + " of " + u16.length + " rounded uint16 voxels changed");
            assertThrows(IllegalArgumentException.class, () -> Predictor.expectedVoxelValues(m, new long[3], batch, 2));
        }
    }
}
