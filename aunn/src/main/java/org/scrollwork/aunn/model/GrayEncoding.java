package org.scrollwork.aunn.model;

import java.util.List;

/**
 * Reflected Gray code applied separately to each bit field of the index, fields listed most
 * significant first (for an aligned volume record: {@code [block | z | y | x | byte-in-voxel]}).
 * Neighbours along one axis then differ in exactly one input bit. Within a field, bits are
 * written most significant first, as {@link BinaryEncoding} does; {@code 1 -> +1}, {@code 0 -> -1}.
 */
public final class GrayEncoding implements IndexEncoding {
    private final int[] widths;
    private final int bits;

    /** @param fieldWidths widths of the fields, most significant first; each at least 1, sum 1..62 */
    public GrayEncoding(List<Integer> fieldWidths) {
        if (fieldWidths.isEmpty()) throw new IllegalArgumentException("at least one field");
        widths = fieldWidths.stream().mapToInt(Integer::intValue).toArray();
        int sum = 0;
        for (int w : widths) {
            if (w < 1) throw new IllegalArgumentException("field widths must be positive: " + fieldWidths);
            sum += w;
        }
        if (sum > 62) throw new IllegalArgumentException("fields add up to more than 62 bits: " + fieldWidths);
        bits = sum;
    }

    /** Gray code of one value: {@code g = v ^ (v >>> 1)}. */
    public static long gray(long v) { return v ^ (v >>> 1); }

    @Override public int bits() { return bits; }

    /** Field widths, most significant first. */
    public List<Integer> fieldWidths() { return java.util.Arrays.stream(widths).boxed().toList(); }

    @Override public void encode(long index, float[] dst, int offset) {
        IndexEncoding.checkIndex(index, bits);
        int shift = bits;
        int pos = offset;
        for (int w : widths) {
            shift -= w;
            long g = gray((index >>> shift) & ((1L << w) - 1));
            for (int j = w - 1; j >= 0; j--) dst[pos++] = ((g >>> j) & 1L) != 0 ? 1f : -1f;
        }
    }
}
