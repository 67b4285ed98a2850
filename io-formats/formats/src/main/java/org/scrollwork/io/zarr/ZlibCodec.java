package org.scrollwork.io.zarr;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** numcodecs {@code zlib}: a zlib stream (RFC 1950) per chunk. */
public final class ZlibCodec implements ZarrCodec {
    private final int level;

    public ZlibCodec(int level) { this.level = level; }

    @Override public byte[] encode(byte[] raw) {
        Deflater d = new Deflater(level);
        try {
            d.setInput(raw);
            d.finish();
            return drain(d, raw.length);
        } finally {
            d.end();
        }
    }

    static byte[] drain(Deflater d, int hint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, hint / 4));
        byte[] buf = new byte[64 << 10];
        while (!d.finished()) {
            int n = d.deflate(buf);
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Override public byte[] decode(byte[] stored, int expectedBytes) {
        return inflate(stored, 0, stored.length, expectedBytes, false, "zlib", 0);
    }

    /**
     * Inflates exactly one deflate stream ({@code nowrap}: raw, else zlib-wrapped) from {@code stored[offset, offset+length)}
     * to exactly {@code expectedBytes}; the stream must end where the input ends, except for {@code trailer} bytes left to the caller.
     */
    static byte[] inflate(byte[] stored, int offset, int length, int expectedBytes, boolean nowrap, String what, int trailer) {
        Inflater inf = new Inflater(nowrap);
        try {
            inf.setInput(stored, offset, length);
            byte[] out = new byte[expectedBytes];
            int n = 0;
            while (n < expectedBytes && !inf.finished()) {
                int k = inf.inflate(out, n, expectedBytes - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) break;
                n += k;
            }
            if (n != expectedBytes) throw new ChunkDecodeException(what + " data decodes to " + n + " bytes, expected " + expectedBytes);
            if (!inf.finished()) {
                byte[] probe = new byte[1];
                if (inf.inflate(probe) > 0 || !inf.finished()) throw new ChunkDecodeException(what + " data decodes to more than " + expectedBytes + " bytes or does not end");
            }
            if (inf.getRemaining() != trailer) {
                throw new ChunkDecodeException(what + " stream ends with " + inf.getRemaining() + " bytes left, expected " + trailer);
            }
            return out;
        } catch (DataFormatException e) {
            throw new ChunkDecodeException("bad " + what + " data: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    @Override public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("id", "zlib").put("level", level);
    }
}
