package org.scrollwork.io.zarr;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** numcodecs {@code gzip}: a gzip member (RFC 1952) per chunk. */
public final class GzipCodec implements ZarrCodec {
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
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            byte[] out = in.readNBytes(expectedBytes);
            if (out.length != expectedBytes) throw new ChunkDecodeException("gzip data decodes to " + out.length + " bytes, expected " + expectedBytes);
            if (in.read() != -1) throw new ChunkDecodeException("gzip data decodes to more than " + expectedBytes + " bytes");
            return out;
        } catch (IOException e) {
            throw new ChunkDecodeException("bad gzip data: " + e.getMessage(), e);
        }
    }

    @Override public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("id", "gzip").put("level", level);
    }
}
