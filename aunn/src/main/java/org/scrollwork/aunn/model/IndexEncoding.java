package org.scrollwork.aunn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Maps an absolute index in {@code [0, 2^bits())} to {@code bits()} input values, each exactly
 * {@code +1} or {@code -1}. The AUNN sees nothing else.
 */
public interface IndexEncoding {

    /** Number of input values (index bits) produced per index. */
    int bits();

    /**
     * Writes the encoding of {@code index} into {@code dst[offset .. offset + bits())}.
     *
     * @throws IllegalArgumentException if {@code index} is negative or not below {@code 2^bits()}
     */
    void encode(long index, float[] dst, int offset);

    /**
     * Encodes a batch into a float32 array of shape {@code [indices.length, bits()]} owned by
     * {@code manager}. Fills one Java array and makes one native copy.
     */
    default NDArray encode(NDManager manager, long[] indices) {
        int b = bits();
        float[] buf = new float[indices.length * b];
        for (int i = 0; i < indices.length; i++) encode(indices[i], buf, i * b);
        return manager.create(buf, new Shape(indices.length, b));
    }

    /** Checks that {@code index} fits in {@code bits} bits. */
    static void checkIndex(long index, int bits) {
        if (index < 0 || (bits < 63 && index >>> bits != 0)) {
            throw new IllegalArgumentException("index " + index + " outside [0, 2^" + bits + ")");
        }
    }
}
