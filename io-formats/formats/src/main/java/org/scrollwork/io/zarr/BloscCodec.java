package org.scrollwork.io.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.scalableminds.bloscjava.Blosc;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.scrollwork.io.FormatException;

/**
 * numcodecs {@code blosc} (c-blosc 1.x frames, through blosc-java's bundled native library).
 * Before a frame reaches native code its 16-byte header is checked against the frame's length and
 * the chunk's expected size, so a corrupt or truncated frame is rejected in Java.
 */
public final class BloscCodec implements ZarrCodec {
    static final int HEADER_BYTES = 16;
    private static final List<String> CNAMES = List.of("lz4", "lz4hc", "zstd", "blosclz", "zlib");

    private final String cname;
    private final int clevel;
    private final int shuffle;
    private final int blocksize;
    private final int typeSize;

    /**
     * @param cname lz4, lz4hc, zstd, blosclz or zlib
     * @param shuffle 0 none, 1 byte shuffle, 2 bit shuffle
     */
    public BloscCodec(String cname, int clevel, int shuffle, int blocksize, int typeSize) {
        if (!CNAMES.contains(cname)) throw new IllegalArgumentException("blosc cname " + cname);
        if (clevel < 0 || clevel > 9 || shuffle < -1 || shuffle > 2 || blocksize < 0 || typeSize < 1) {
            throw new IllegalArgumentException("blosc clevel " + clevel + " shuffle " + shuffle + " blocksize " + blocksize + " typesize " + typeSize);
        }
        this.cname = cname;
        this.clevel = clevel;
        this.shuffle = shuffle;
        this.blocksize = blocksize;
        this.typeSize = typeSize;
    }

    static BloscCodec fromJson(JsonNode node, int typeSize, Path file) {
        String cname = node.path("cname").asText("lz4");
        int clevel = node.path("clevel").asInt(5);
        int shuffle = node.path("shuffle").asInt(1);
        int blocksize = node.path("blocksize").asInt(0);
        try {
            return new BloscCodec(cname, clevel, shuffle, blocksize, typeSize);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "bad blosc configuration " + node + ": " + e.getMessage());
        }
    }

    @Override public byte[] encode(byte[] raw) {
        int s = shuffle == -1 ? (typeSize == 1 ? 2 : 1) : shuffle;
        return Blosc.compress(raw, typeSize, Blosc.Compressor.fromString(cname), clevel, Blosc.Shuffle.fromInt(s), blocksize, 1);
    }

    @Override public byte[] decode(byte[] stored, int expectedBytes) {
        if (stored.length < HEADER_BYTES) throw new ChunkDecodeException("blosc frame of " + stored.length + " bytes is shorter than its header");
        ByteBuffer h = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
        int version = h.get(0) & 0xff;
        int typesize = h.get(3) & 0xff;
        long nbytes = h.getInt(4) & 0xffffffffL;
        long block = h.getInt(8) & 0xffffffffL;
        long cbytes = h.getInt(12) & 0xffffffffL;
        if (version < 1 || version > 3) throw new ChunkDecodeException("blosc frame version " + version + " is not a c-blosc 1.x frame");
        if (cbytes != stored.length) throw new ChunkDecodeException("blosc header says " + cbytes + " compressed bytes, the chunk holds " + stored.length);
        if (nbytes != expectedBytes) throw new ChunkDecodeException("blosc header says " + nbytes + " bytes, expected " + expectedBytes);
        if (typesize < 1 || block < 1 || (nbytes > 0 && block > Math.max(nbytes, 1L << 30))) {
            throw new ChunkDecodeException("implausible blosc header: typesize " + typesize + ", blocksize " + block);
        }
        byte[] out;
        try {
            out = Blosc.decompress(stored, 1);
        } catch (RuntimeException e) {
            throw new ChunkDecodeException("bad blosc data: " + e.getMessage(), e);
        }
        if (out == null || out.length != expectedBytes) {
            throw new ChunkDecodeException("blosc data decodes to " + (out == null ? "nothing" : out.length + " bytes") + ", expected " + expectedBytes);
        }
        return out;
    }

    @Override public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("id", "blosc").put("cname", cname).put("clevel", clevel)
                .put("shuffle", shuffle).put("blocksize", blocksize);
    }
}
