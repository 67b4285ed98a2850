package org.scrollwork.aunn.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;
import org.scrollwork.aunn.data.IndexLayout;

/**
 * Serializable choice of how an index becomes the AUNN's input: {@code BINARY} (the seed's ±1 bits), {@code GRAY}
 * with the field widths (most significant first) that must add up to the index width, or {@code GEOMETRY}
 * ({@link GeometryEmbedding}: learned grids over the physical frame, read through the list's {@link IndexLayout}).
 *
 * @param kind        the encoding
 * @param fieldWidths Gray fields; empty otherwise
 * @param geometry    the geometry embedding's settings (GEOMETRY only; null otherwise)
 * @param layout      the list's layout the geometry embedding reads indices through (GEOMETRY only; bound from the
 *                    training source by {@link #boundTo}; not part of the architecture: a model trained on one
 *                    layout can be finetuned on another)
 */
public record EncodingSpec(Kind kind, List<Integer> fieldWidths, GeometrySpec geometry, IndexLayout layout) {

    /** The encodings available. */
    public enum Kind { BINARY, GRAY, GEOMETRY }

    public EncodingSpec {
        if (kind == null) throw new IllegalArgumentException("encoding kind missing");
        fieldWidths = fieldWidths == null ? List.of() : List.copyOf(fieldWidths);
        if (kind != Kind.GRAY && !fieldWidths.isEmpty()) throw new IllegalArgumentException(kind.name().toLowerCase() + " encoding takes no fields");
        if (kind == Kind.GRAY && fieldWidths.isEmpty()) throw new IllegalArgumentException("gray encoding needs field widths");
        if (kind == Kind.GEOMETRY && geometry == null) throw new IllegalArgumentException("geometry encoding needs its settings");
        if (kind != Kind.GEOMETRY && (geometry != null || layout != null && !layout.regions().isEmpty())) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " encoding takes no geometry or layout");
        }
        if (kind == Kind.GEOMETRY && layout == null) layout = IndexLayout.empty();
        if (kind != Kind.GEOMETRY) layout = null;
    }

    /** The form before the geometry embedding existed. */
    public EncodingSpec(Kind kind, List<Integer> fieldWidths) { this(kind, fieldWidths, null, null); }

    /** Plain binary. */
    public static EncodingSpec binary() { return new EncodingSpec(Kind.BINARY, List.of()); }

    /** Per-field Gray code. */
    public static EncodingSpec gray(List<Integer> fieldWidths) { return new EncodingSpec(Kind.GRAY, fieldWidths); }

    /** The geometry-aware embedding, not yet bound to a layout. */
    public static EncodingSpec geometry(GeometrySpec spec) { return new EncodingSpec(Kind.GEOMETRY, List.of(), spec, IndexLayout.empty()); }

    /** This encoding reading indices through {@code l} (only the geometry embedding reads a layout; others are returned as they are). */
    public EncodingSpec boundTo(IndexLayout l) {
        return kind == Kind.GEOMETRY ? new EncodingSpec(kind, fieldWidths, geometry, l) : this;
    }

    /** Whether the two give inputs of the same shape from the same parameters (the layout may differ). */
    public boolean sameShape(EncodingSpec o) {
        return kind == o.kind && fieldWidths.equals(o.fieldWidths) && Objects.equals(geometry, o.geometry);
    }

    /** Values the first layer receives per index. */
    public int inputSize(int indexBits) { return kind == Kind.GEOMETRY ? geometry.extraInputs() + indexBits : indexBits; }

    @JsonIgnore public boolean readsGeometry() { return kind == Kind.GEOMETRY; }

    /**
     * Builds the bit encoding for an index of {@code indexBits} bits (for the geometry embedding: its plain bits).
     *
     * @throws IllegalArgumentException if the Gray fields do not add up to {@code indexBits}
     */
    public IndexEncoding create(int indexBits) {
        if (kind != Kind.GRAY) return new BinaryEncoding(indexBits);
        GrayEncoding g = new GrayEncoding(fieldWidths);
        if (g.bits() != indexBits) throw new IllegalArgumentException("gray fields " + fieldWidths + " add up to " + g.bits() + " bits, not " + indexBits);
        return g;
    }

}
