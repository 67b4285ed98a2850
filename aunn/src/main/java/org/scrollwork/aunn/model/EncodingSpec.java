package org.scrollwork.aunn.model;

import java.util.List;

/**
 * Serializable choice of {@link IndexEncoding}: {@code BINARY}, or {@code GRAY} with the field
 * widths (most significant first) that must add up to the index width.
 *
 * @param kind        the encoding
 * @param fieldWidths Gray fields; empty for binary
 */
public record EncodingSpec(Kind kind, List<Integer> fieldWidths) {

    /** The encodings available. */
    public enum Kind { BINARY, GRAY }

    public EncodingSpec {
        if (kind == null) throw new IllegalArgumentException("encoding kind missing");
        fieldWidths = fieldWidths == null ? List.of() : List.copyOf(fieldWidths);
        if (kind == Kind.BINARY && !fieldWidths.isEmpty()) throw new IllegalArgumentException("binary encoding takes no fields");
        if (kind == Kind.GRAY && fieldWidths.isEmpty()) throw new IllegalArgumentException("gray encoding needs field widths");
    }

    /** Plain binary. */
    public static EncodingSpec binary() { return new EncodingSpec(Kind.BINARY, List.of()); }

    /** Per-field Gray code. */
    public static EncodingSpec gray(List<Integer> fieldWidths) { return new EncodingSpec(Kind.GRAY, fieldWidths); }

    /**
     * Builds the encoding for an index of {@code indexBits} bits.
     *
     * @throws IllegalArgumentException if the Gray fields do not add up to {@code indexBits}
     */
    public IndexEncoding create(int indexBits) {
        if (kind == Kind.BINARY) return new BinaryEncoding(indexBits);
        GrayEncoding g = new GrayEncoding(fieldWidths);
        if (g.bits() != indexBits) throw new IllegalArgumentException("gray fields " + fieldWidths + " add up to " + g.bits() + " bits, not " + indexBits);
        return g;
    }
}
