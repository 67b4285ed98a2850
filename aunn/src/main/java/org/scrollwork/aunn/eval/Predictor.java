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

    /** Expected byte value {@code sum_b b p(b)} at each index. */
    public static double[] expectation(AunnModel model, long[] indices, int batchSize) {
        return expectedBytes(logits(model, indices, batchSize));
    }

    /**
     * Expected unsigned voxel values of consecutive indices, {@code bytesPerVoxel} per voxel, most significant byte first
     * (as {@link #expectedVoxels} computes them from distributions). The softmax and the expectation of each byte run in
     * the engine in float32 ({@link #expectedBytes(NDArray)}), so one float per index crosses to the heap instead of 256
     * logits; the bytes are combined in float64. Each byte's expectation agrees with the float64 heap path
     * ({@link #expectedByte(float[], int)}) to about 1e-4 grey levels (float32 rounding of 256 probabilities), a uint16
     * voxel's to about 0.03 of its 65536 levels.
     */
    public static double[] expectedVoxelValues(AunnModel model, long[] indices, int batchSize, int bytesPerVoxel) {
        if (bytesPerVoxel < 1 || indices.length % bytesPerVoxel != 0) {
            throw new IllegalArgumentException(indices.length + " indices do not make whole " + bytesPerVoxel + "-byte voxels");
        }
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        float[] bytes = new float[indices.length];
        try (NDManager root = NDManager.newBaseManager(model.device())) {
            for (int from = 0; from < indices.length; from += batchSize) {
                int n = Math.min(batchSize, indices.length - from);
                try (NDManager sm = root.newSubManager()) {
                    long[] idx = from == 0 && n == indices.length ? indices : Arrays.copyOfRange(indices, from, from + n);
                    float[] e = expectedBytes(model.forward(sm, idx, false).logits()).toFloatArray();
                    System.arraycopy(e, 0, bytes, from, n);
                }
            }
        }
        double[] out = new double[bytes.length / bytesPerVoxel];
        for (int v = 0; v < out.length; v++) {
            double e = 0;
            for (int k = 0; k < bytesPerVoxel; k++) e = e * 256 + bytes[v * bytesPerVoxel + k];
            out[v] = e;
        }
        return out;
    }

    /**
     * The expected byte of each row of {@code logits [n, 256]} in the engine: the softmax along the row in float32, times
     * the byte values 0..255, summed ({@code [n]}, float32, on the logits' manager). Each row is computed on its own,
     * whatever the batch.
     */
    public static NDArray expectedBytes(NDArray logits) {
        if (logits.getShape().dimension() != 2 || logits.getShape().get(1) != 256) {
            throw new IllegalArgumentException("logits must be [n, 256]: " + logits.getShape());
        }
        NDArray values = logits.getManager().arange(0f, 256f);
        return logits.toType(DataType.FLOAT32, false).softmax(1).matMul(values);
    }

    /** The expected byte of each row of 256 logits ({@code logits.length / 256} rows). */
    public static double[] expectedBytes(float[] logits) {
        double[] out = new double[logits.length / 256];
        for (int i = 0; i < out.length; i++) out[i] = expectedByte(logits, i * 256);
        return out;
    }

    /**
     * {@code sum_b b softmax(l)_b} over {@code logits[offset .. offset+256)}, without building the distribution. Terms more
     * than 40 nats below the largest logit (weight below 5e-18 of the largest) are left out: they cannot move the result by
     * more than 256 · 255 · 5e-18 ≈ 3e-13 grey levels, and skipping their {@code exp} is most of the saving.
     */
    public static double expectedByte(float[] logits, int offset) {
        float max = Float.NEGATIVE_INFINITY;
        for (int b = 0; b < 256; b++) max = Math.max(max, logits[offset + b]);
        double sum = 0, moment = 0;
        for (int b = 0; b < 256; b++) {
            float d = logits[offset + b] - max;
            if (d < -40f) continue;
            double e = Math.exp(d);
            sum += e;
            moment += b * e;
        }
        return moment / sum;
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
