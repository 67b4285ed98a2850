package org.scrollwork.experiments.aunn.consolidate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;

/** Consolidation: exact on a piecewise-affine function with known pieces; a one-block stand-in keeps a model's logits close. */
class PiecewiseLinearMapTest {

    /** Three affine pieces on three well-separated blobs in R^4 -> R^3: the fit recovers every piece exactly. */
    @Test
    void recoversKnownAffinePiecesExactly() {
        Random r = new Random(7);
        int in = 4, out = 3, pieces = 3;
        double[][] centre = new double[pieces][in];
        double[][][] a = new double[pieces][out][in];
        double[][] b = new double[pieces][out];
        for (int j = 0; j < pieces; j++) {
            for (int q = 0; q < in; q++) centre[j][q] = 100 * j + (q == j ? 50 : 0);
            for (int o = 0; o < out; o++) {
                b[j][o] = r.nextGaussian();
                for (int q = 0; q < in; q++) a[j][o][q] = r.nextGaussian();
            }
        }
        int n = 300;
        double[][] x = new double[n][in], y = new double[n][out];
        for (int i = 0; i < n; i++) {
            int j = i % pieces;
            for (int q = 0; q < in; q++) x[i][q] = centre[j][q] + r.nextGaussian();
            y[i] = affine(a[j], b[j], x[i]);
        }
        PiecewiseLinearMap m = PiecewiseLinearMap.fit(x, y, pieces, 50, 1);
        for (int j = 0; j < pieces; j++) {
            int c = m.piece(centre[j]);
            for (int o = 0; o < out; o++) {
                assertEquals(b[j][o], m.biases()[c][o], 1e-7, "bias of piece " + j);
                for (int q = 0; q < in; q++) assertEquals(a[j][o][q], m.weights()[c][o][q], 1e-9, "weight of piece " + j);
            }
        }
        double[] probe = centre[1].clone();
        probe[0] += 0.3;
        double[] want = affine(a[1], b[1], probe), got = m.apply(probe);
        for (int o = 0; o < out; o++) assertEquals(want[o], got[o], 1e-8);
    }

    /** Fewer points than inputs: the Moore–Penrose solution interpolates them exactly (minimum norm). */
    @Test
    void underdeterminedPieceInterpolatesItsPoints() {
        double[][] x = {{1, 2, 3, 4, 5}, {0, 1, 0, 1, 0}};
        double[][] y = {{3}, {-1}};
        PiecewiseLinearMap m = PiecewiseLinearMap.fit(x, y, 1, 5, 2);
        assertEquals(3, m.apply(x[0])[0], 1e-9);
        assertEquals(-1, m.apply(x[1])[0], 1e-9);
    }

    private static double[] affine(double[][] a, double[] b, double[] x) {
        double[] y = b.clone();
        for (int o = 0; o < y.length; o++) for (int q = 0; q < x.length; q++) y[o] += a[o][q] * x[q];
        return y;
    }

    /**
     * The DJL stand-in for all blocks equals, in plain Java, the map applied to the recorded embedding followed by the
     * final LayerNorm and the head (exported weights): the routing to the nearest centre and each piece's map are right.
     */
    @Test
    void standInRunsTheMapThenTheHead() {
        InMemoryByteSource src = InMemoryByteSource.of(16, Fixtures.structuredVolume(8));
        try (AunnModel m = new AunnModel(Fixtures.small().withShape(16, 2)); AunnTrainer t = new AunnTrainer(m)) {
            t.train(src, new UniformRandom(256, 1), 20);
            long[] idx = new long[300];
            for (int i = 0; i < idx.length; i++) idx[i] = (i * 40503L) & 0xFFFF;
            double[][][] act = Consolidated.record(m, idx, 0, 2, 128);
            PiecewiseLinearMap map = PiecewiseLinearMap.fit(act[0], act[1], 5, 20, 3);
            var p = m.exportParameters();
            try (Consolidated c = new Consolidated(m, 0, 2, map)) {
                float[] got = c.logits(idx, 128);
                for (int i = 0; i < idx.length; i++) {
                    double[] h = map.apply(act[0][i]);
                    double mean = 0, var = 0;
                    for (double v : h) mean += v / h.length;
                    for (double v : h) var += (v - mean) * (v - mean) / h.length;
                    double[] z = new double[h.length];
                    for (int q = 0; q < h.length; q++) z[q] = (h[q] - mean) / Math.sqrt(var + AunnModel.LN_EPS) * p.get("norm.weight")[q] + p.get("norm.bias")[q];
                    for (int o = 0; o < 256; o++) {
                        double want = p.get("head.bias")[o];
                        for (int q = 0; q < h.length; q++) want += p.get("head.weight")[o * h.length + q] * z[q];
                        assertEquals(want, got[i * 256 + o], 1e-4, "index " + idx[i] + " logit " + o);
                    }
                }
            }
        }
    }
}
