package org.scrollwork.io.zarr;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;

/** numcodecs {@code zstd}: one Zstandard frame per chunk (zstd-jni). */
public final class ZstdCodec implements ZarrCodec {
    private final int level;

    public ZstdCodec(int level) { this.level = level; }

    @Override public byte[] encode(byte[] raw) { return Zstd.compress(raw, level); }

    @Override public byte[] decode(byte[] stored, int expectedBytes) {
        byte[] out = new byte[expectedBytes];
        long n;
        try {
            n = Zstd.decompressByteArray(out, 0, expectedBytes, stored, 0, stored.length);
        } catch (ZstdException | IllegalArgumentException e) {
            throw new ChunkDecodeException("bad zstd data: " + e.getMessage(), e);
        }
        if (Zstd.isError(n)) throw new ChunkDecodeException("bad zstd data: " + Zstd.getErrorName(n));
        if (n != expectedBytes) throw new ChunkDecodeException("zstd data decodes to " + n + " bytes, expected " + expectedBytes);
        return out;
    }

    @Override public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("id", "zstd").put("level", level);
    }
}
