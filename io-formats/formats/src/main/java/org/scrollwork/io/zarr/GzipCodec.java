package org.scrollwork.io.zarr;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

/**
 * numcodecs {@code gzip}: one gzip member (RFC 1952) per chunk. Decoding checks the header, the CRC-32 and
 * size in the trailer, and that nothing follows the member.
 */
public final class GzipCodec implements ZarrCodec {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final int level;

    public GzipCodec(int level) { this.level = level; }

    @Override public byte[] encode(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, raw.length / 4));
        try (GZIPOutputStream out = new GZIPOutputStream(bytes) { { def.setLevel(level); } }) {
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override public byte[] decode(byte[] stored, int expectedBytes) {
        int n = stored.length;
        if (n < 18 || (stored[0] & 0xff) != 0x1f || (stored[1] & 0xff) != 0x8b || stored[2] != 8) {
            throw new ChunkDecodeException("not a gzip member (bad magic or method, or shorter than 18 bytes)");
        }
        int flags = stored[3] & 0xff;
        int p = 10;
        if ((flags & FEXTRA) != 0) p += 2 + ((stored[p] & 0xff) | (stored[p + 1] & 0xff) << 8);
        if ((flags & FNAME) != 0) p = skipZeroTerminated(stored, p);
        if ((flags & FCOMMENT) != 0) p = skipZeroTerminated(stored, p);
        if ((flags & FHCRC) != 0) p += 2;
        if (p > n - 8) throw new ChunkDecodeException("gzip header runs past the data");
        byte[] out = ZlibCodec.inflate(stored, p, n - p, expectedBytes, true, "gzip", 8);
        ByteBuffer trailer = ByteBuffer.wrap(stored, n - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
        CRC32 crc = new CRC32();
        crc.update(out);
        long want = trailer.getInt() & 0xffffffffL;
        long size = trailer.getInt() & 0xffffffffL;
        if (crc.getValue() != want) throw new ChunkDecodeException("gzip CRC-32 mismatch");
        if (size != (expectedBytes & 0xffffffffL)) throw new ChunkDecodeException("gzip trailer says " + size + " bytes, expected " + expectedBytes);
        return out;
    }

    private static int skipZeroTerminated(byte[] b, int p) {
        while (p < b.length && b[p] != 0) p++;
        return p + 1;
    }

    @Override public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("id", "gzip").put("level", level);
    }
}
