package org.scrollwork.aunn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;

/**
 * The expectations computed in the engine ({@link Predictor#expectation}, {@link Predictor#expectedVoxels(AunnModel, long[], int, int)},
 * {@link Evaluator#scores}) against the heap path they replace (softmax of the logits in Java, {@link Predictor#expectedByte}),
 * and the one-pass scores' bits against {@link Evaluator#sumBits}, bit for bit.
 */
class EngineExpectationTest {
    private static AunnModel model() {
        return new AunnModel(AunnConfig.defaults().withShape(16, 2).withIndexBits(12).withSeed(3));
    }

    private static long[] indices(int n) {
        long[] idx = new long[n];
        for (int i = 0; i < n; i++) idx[i] = (i * 37L) % 4096;
        return idx;
    }

    @Test
    void expectationsInTheEngineAreTheHeapPathsWhateverTheBatch() {
        try (AunnModel m = model()) {
            long[] idx = indices(100);
            for (int batch : new int[] {1, 7, 64, 100}) { // the same batches: float32 logits differ across batch sizes in the last bits
                double[][] p = Predictor.distributions(m, idx, batch);
                double[] want = new double[idx.length];
                for (int i = 0; i < idx.length; i++) want[i] = Predictor.expectedByte(p[i]);
                double[] got = Predictor.expectation(m, idx, batch);
                for (int i = 0; i < idx.length; i++) assertEquals(want[i], got[i], 1e-9, "batch " + batch + ", index " + i);
            }
            double[] voxels = Predictor.expectedVoxels(m, idx, 2, 16);
            double[] heap = Predictor.expectedVoxels(Predictor.distributions(m, idx, 16), 2);
            for (int v = 0; v < voxels.length; v++) assertEquals(heap[v], voxels[v], 1e-6, "voxel " + v);
        }
    }

    @Test
    void onePassScoresGiveTheSameBitsAndTheEnginesExpectations() {
        byte[] data = new byte[4096];
        Role[] roles = new Role[data.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
            roles[i] = Role.TRAIN;
        }
        InMemoryByteSource src = new InMemoryByteSource(12, 0, data, roles);
        try (AunnModel m = model()) {
            long[] idx = indices(300);
            Evaluator.Scores s = Evaluator.scores(m, src, idx, 128);
            assertEquals(Evaluator.sumBits(m, src, idx, 128), s.sumBits(), 0.0, "bit for bit");
            assertEquals(Evaluator.bitsPerByte(m, src, idx, 128), s.bitsPerByte(), 0.0);
            double[] e = Predictor.expectation(m, idx, 128);
            double se = 0;
            for (int i = 0; i < idx.length; i++) {
                assertEquals(e[i], s.expectations()[i], 0.0);
                assertEquals(data[(int) idx[i]] & 255, s.bytes()[i]);
                se += Math.pow(e[i] - (data[(int) idx[i]] & 255), 2);
            }
            assertEquals(Math.sqrt(se / idx.length), s.expectedByteRmse(), 1e-12);
        }
    }
}
