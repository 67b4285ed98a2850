package org.scrollwork.io.zarr;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Uncompressed chunks ({@code "compressor": null}). */
public final class RawCodec implements ZarrCodec {
    public static final RawCodec INSTANCE = new RawCodec();

    private RawCodec() {}

    @Override public byte[] encode(byte[] raw) { return raw; }

    @Override public byte[] decode(byte[] stored, int expectedBytes) {
        if (stored.length != expectedBytes) {
            throw new ChunkDecodeException("uncompressed chunk holds " + stored.length + " bytes, expected " + expectedBytes);
        }
        return stored;
    }

    @Override public ObjectNode toJson() { return null; }
}
