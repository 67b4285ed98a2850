package org.scrollwork.aunn.model;

/**
 * Plain binary, most significant bit first: bit {@code 1 -> +1}, {@code 0 -> -1}. Index 5 with 8
 * bits is {@code [-1,-1,-1,-1,-1,+1,-1,+1]}.
 */
public final class BinaryEncoding implements IndexEncoding {
    private final int bits;

    /** @param bits 1..62 */
    public BinaryEncoding(int bits) {
        if (bits < 1 || bits > 62) throw new IllegalArgumentException("bits must be in 1..62: " + bits);
        this.bits = bits;
    }

    @Override public int bits() { return bits; }

    @Override public void encode(long index, float[] dst, int offset) {
        IndexEncoding.checkIndex(index, bits);
        for (int j = 0; j < bits; j++) {
            dst[offset + j] = ((index >>> (bits - 1 - j)) & 1L) != 0 ? 1f : -1f;
        }
    }
}
