package org.scrollwork.aunn.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.scrollwork.aunn.model.AunnModel;

import java.util.Arrays;

/**
 * Predictions of a model over indices (any role, padding included): raw logits, byte
 * distributions, argmax, expected byte value and expected multi-byte voxel values. Batched, one
 * step manager per batch; does not change the model.
 */
public final class Predictor {
    private Predictor() {}

    /** Logits, row-major {@code [indices.length][256]}. */
    public static float[] logits(AunnModel model, long[] indices, int batchSize) {
        float[] out = new float[indices.length * 256];
        try (NDManager root = NDManager.newBaseManager(model.device())) {
            for (int from = 0; from < indices.length; from += batchSize) {
                int n = Math.min(batchSize, indices.length - from);
                try (NDManager sm = root.newSubManager()) {
                    float[] l = model.forward(sm, Arrays.copyOfRange(indices, from, from + n), false).logits().toType(DataType.FLOAT32, false).toFloatArray();
                    System.arraycopy(l, 0, out, from * 256, l.length);
                }
            }
        }
        return out;
    }

    /** Probability distributions {@code [n][256]} (softmax at temperature 1). */
    public static double[][] distributions(AunnModel model, long[] indices, int batchSize) {
        float[] l = logits(model, indices, batchSize);
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) out[i] = Sampler.softmax(l, i * 256, 1.0);
        return out;
    }

    /** Most probable byte at each index. */
    public static int[] argmax(AunnModel model, long[] indices, int batchSize) {
        float[] l = logits(model, indices, batchSize);
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) out[i] = Sampler.argmax(l, i * 256);
        return out;
    }

    /**
     * Expected byte value {@code sum_b b p(b)} at each index. The softmax and the sum run in the engine in float64
     * ({@link #expectedBytes}), so one value per index crosses to the heap instead of 256 logits (and no distribution is
     * allocated per index); the result agrees with {@link #expectedByte} of {@link #distributions} to about 1e-12.
     */
    public static double[] expectation(AunnModel model, long[] indices, int batchSize) {
        double[] out = new double[indices.length];
        try (NDManager root = NDManager.newBaseManager(model.device())) {
            NDArray byteValues = byteValues(root);
            for (int from = 0; from < indices.length; from += batchSize) {
                int n = Math.min(batchSize, indices.length - from);
                try (NDManager sm = root.newSubManager()) {
                    long[] idx = from == 0 && n == indices.length ? indices : Arrays.copyOfRange(indices, from, from + n);
                    double[] e = expectedBytes(model.forward(sm, idx, false).logits().toType(DataType.FLOAT32, false), byteValues).toDoubleArray();
                    System.arraycopy(e, 0, out, from, n);
                }
            }
        }
        return out;
    }

    /** The byte values 0..255 as a float64 row on {@code manager}'s device, for {@link #expectedBytes}. */
    public static NDArray byteValues(NDManager manager) {
        return manager.arange(0, 256).toType(DataType.FLOAT64, false);
    }

    /**
     * Expected byte value of each row of {@code logits [n, 256]}: softmax in float64, times {@code byteValues}
     * ({@link #byteValues}), summed along the row ({@code [n]}, float64; each row on its own, whatever the batch).
     */
    public static NDArray expectedBytes(NDArray logits, NDArray byteValues) {
        return logits.toType(DataType.FLOAT64, false).softmax(1).mul(byteValues).sum(new int[] {1});
    }

    /**
     * Expected unsigned voxel values at consecutive indices, {@code bytesPerVoxel} per voxel, most significant byte
     * first: {@link #expectation} combined as {@link #expectedVoxels(double[][], int)} does.
     */
    public static double[] expectedVoxels(AunnModel model, long[] indices, int bytesPerVoxel, int batchSize) {
        if (bytesPerVoxel < 1 || indices.length % bytesPerVoxel != 0) {
            throw new IllegalArgumentException(indices.length + " indices do not make whole " + bytesPerVoxel + "-byte voxels");
        }
        double[] b = expectation(model, indices, batchSize);
        if (bytesPerVoxel == 1) return b;
        double[] out = new double[indices.length / bytesPerVoxel];
        for (int v = 0; v < out.length; v++) {
            double e = 0;
            for (int k = 0; k < bytesPerVoxel; k++) e = e * 256 + b[v * bytesPerVoxel + k];
            out[v] = e;
        }
        return out;
    }

    /** {@code sum_b b p[b]}. */
    public static double expectedByte(double[] p) {
        double e = 0;
        for (int b = 0; b < 256; b++) e += b * p[b];
        return e;
    }

    /**
     * Expected unsigned voxel values from per-byte distributions of consecutive indices, most
     * significant byte first ({@code bytesPerVoxel} rows per voxel):
     * {@code E[v] = sum_k 256^(n-1-k) E[b_k]} (linearity of expectation; exact for any joint).
     *
     * @throws IllegalArgumentException if the row count is not a multiple of {@code bytesPerVoxel}
     */
    public static double[] expectedVoxels(double[][] byteDistributions, int bytesPerVoxel) {
        if (bytesPerVoxel < 1 || byteDistributions.length % bytesPerVoxel != 0) {
            throw new IllegalArgumentException(byteDistributions.length + " byte distributions do not make whole " + bytesPerVoxel + "-byte voxels");
        }
        double[] out = new double[byteDistributions.length / bytesPerVoxel];
        for (int v = 0; v < out.length; v++) {
            double e = 0;
            for (int k = 0; k < bytesPerVoxel; k++) e = e * 256 + expectedByte(byteDistributions[v * bytesPerVoxel + k]);
            out[v] = e;
        }
        return out;
    }
}
