package org.scrollwork.aunn.eval;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnModel;

/**
 * Static evaluation: mean cross-entropy in bits per byte of a model's predictions over a range of
 * ranks of one role, in batches, without changing the model. One step manager per batch.
 */
public final class Evaluator {
    private static final double LN2 = Math.log(2);

    private Evaluator() {}

    /** Indices of ranks {@code [fromRank, toRank)} of {@code role}. */
    public static long[] indices(IndexedByteSource source, Role role, long fromRank, long toRank) {
        if (fromRank < 0 || toRank > source.count(role) || fromRank > toRank) {
            throw new IndexOutOfBoundsException("ranks [" + fromRank + ", " + toRank + ") outside [0, " + source.count(role) + ") of " + role);
        }
        long[] out = new long[Math.toIntExact(toRank - fromRank)];
        for (int i = 0; i < out.length; i++) out[i] = source.index(role, fromRank + i);
        return out;
    }

    /** Bits per byte over all indices of {@code role}. */
    public static double bitsPerByte(AunnModel model, IndexedByteSource source, Role role, int batchSize) {
        return bitsPerByte(model, source, indices(source, role, 0, source.count(role)), batchSize);
    }

    /**
     * Mean cross-entropy in bits of the bytes at {@code indices} (which must be TRAIN or HELD_OUT).
     *
     * @throws IllegalArgumentException for an empty range or indices without known bytes
     */
    public static double bitsPerByte(AunnModel model, IndexedByteSource source, long[] indices, int batchSize) {
        return sumBits(model, source, indices, batchSize) / indices.length;
    }

    /** Total cross-entropy in bits of the bytes at {@code indices}. */
    public static double sumBits(AunnModel model, IndexedByteSource source, long[] indices, int batchSize) {
        double[] sum = {0};
        forEachBatch(model, source, indices, batchSize, (sm, idx, bytes) -> {
            for (float v : nll(sm, model, idx, bytes)) sum[0] += v;
        });
        return sum[0] / LN2;
    }

    /** One batch of indices and their known bytes, in a step manager closed after it. */
    private interface Batch { void accept(NDManager sm, long[] idx, int[] bytes); }

    /** {@code indices} in batches of {@code batchSize}, in order, each with its bytes read from {@code source}. */
    private static void forEachBatch(AunnModel model, IndexedByteSource source, long[] indices, int batchSize, Batch batch) {
        if (indices.length == 0) throw new IllegalArgumentException("nothing to evaluate");
        try (NDManager root = NDManager.newBaseManager(model.device())) {
            for (int from = 0; from < indices.length; from += batchSize) {
                int n = Math.min(batchSize, indices.length - from);
                long[] idx = java.util.Arrays.copyOfRange(indices, from, from + n);
                int[] bytes = new int[n];
                source.bytesAt(idx, bytes);
                try (NDManager sm = root.newSubManager()) {
                    batch.accept(sm, idx, bytes);
                }
            }
        }
    }

    /**
     * Bits per byte and the root-mean-square error of the expected byte ({@link Predictor#expectedByte(float[], int)})
     * against the true byte, over the bytes at {@code indices}, from one forward pass: the same values as
     * {@link #bitsPerByte(AunnModel, IndexedByteSource, long[], int)} and {@link Predictor#expectation} with the same
     * batch size, which run the model once each.
     *
     * @throws IllegalArgumentException for an empty range or indices without known bytes
     */
    public static Score score(AunnModel model, IndexedByteSource source, long[] indices, int batchSize) {
        double[] sum = {0, 0}; // nats, squared error
        forEachBatch(model, source, indices, batchSize, (sm, idx, bytes) -> {
            var logits = model.forward(sm, idx, false).logits().toType(DataType.FLOAT32, false);
            for (float v : nll(sm, logits, bytes)) sum[0] += v;
            float[] l = logits.toFloatArray();
            for (int i = 0; i < idx.length; i++) {
                double d = Predictor.expectedByte(l, i * 256) - bytes[i];
                sum[1] += d * d;
            }
        });
        return new Score(sum[0] / LN2 / indices.length, Math.sqrt(sum[1] / indices.length));
    }

    /** Mean cross-entropy in bits per byte and root-mean-square error of the expected byte in grey levels. */
    public record Score(double bitsPerByte, double expectedByteRmse) {}

    static float[] nll(NDManager sm, AunnModel model, long[] idx, int[] bytes) {
        return nll(sm, model.forward(sm, idx, false).logits().toType(DataType.FLOAT32, false), bytes);
    }

    private static float[] nll(NDManager sm, ai.djl.ndarray.NDArray logits, int[] bytes) {
        long[] labels = new long[bytes.length];
        for (int i = 0; i < bytes.length; i++) labels[i] = bytes[i];
        var lab = sm.create(labels, new ai.djl.ndarray.types.Shape(labels.length, 1)).toDevice(logits.getDevice(), false);
        return logits.logSoftmax(1).gather(lab, 1).neg().toFloatArray();
    }
}
