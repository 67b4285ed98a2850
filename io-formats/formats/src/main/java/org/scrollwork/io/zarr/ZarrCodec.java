package org.scrollwork.io.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.scrollwork.io.Compression;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.UnsupportedFormatException;

/**
 * A Zarr v2 compressor (numcodecs id {@code zlib}, {@code gzip}, {@code zstd}, {@code blosc}, or none).
 * Decoding is bounded: it never produces more than the expected chunk size, and any mismatch is an error.
 */
public interface ZarrCodec {

    /** Compresses one chunk's raw bytes. Thread-safe. */
    byte[] encode(byte[] raw);

    /**
     * Decompresses one chunk.
     *
     * @param expectedBytes the chunk's exact uncompressed size
     * @throws ChunkDecodeException when the data does not decode to exactly {@code expectedBytes}
     */
    byte[] decode(byte[] stored, int expectedBytes);

    /** The {@code compressor} entry of {@code .zarray}: a numcodecs config object, or {@code null} for raw chunks. */
    ObjectNode toJson();

    /** Why a chunk could not be decoded; the caller turns it into a {@code CorruptDataException} naming the chunk file. */
    final class ChunkDecodeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ChunkDecodeException(String reason) { super(reason); }

        public ChunkDecodeException(String reason, Throwable cause) { super(reason, cause); }
    }

    /**
     * The codec a {@code .zarray} {@code compressor} entry names.
     *
     * @param file the {@code .zarray} file, for messages
     * @throws UnsupportedFormatException for codecs not implemented here
     * @throws FormatException for malformed configurations
     */
    static ZarrCodec fromJson(JsonNode node, int typeSize, Path file) {
        if (node == null || node.isNull()) return RawCodec.INSTANCE;
        if (!node.isObject() || !node.path("id").isTextual()) throw new FormatException(file, "compressor must be null or an object with an 'id'");
        String id = node.get("id").asText();
        switch (id) {
            case "zlib": return new ZlibCodec(level(node, 1, 0, 9, file));
            case "gzip": return new GzipCodec(level(node, 1, 0, 9, file));
            case "zstd": return new ZstdCodec(level(node, 1, -131072, 22, file));
            case "blosc": return BloscCodec.fromJson(node, typeSize, file);
            default: throw new UnsupportedFormatException(file, "compressor '" + id + "' is not supported (null, zlib, gzip, zstd, blosc are)");
        }
    }

    /**
     * The codec a writer uses for a {@link Compression}.
     *
     * @throws UnsupportedFormatException for codecs Zarr does not offer here (LZW)
     */
    static ZarrCodec forCompression(Compression c, int typeSize, Path target) {
        switch (c) {
            case NONE: return RawCodec.INSTANCE;
            case DEFLATE: return new ZlibCodec(5);
            case GZIP: return new GzipCodec(5);
            case ZSTD: return new ZstdCodec(3);
            case BLOSC_LZ4: return new BloscCodec("lz4", 5, 1, 0, typeSize);
            case BLOSC_ZSTD: return new BloscCodec("zstd", 5, 1, 0, typeSize);
            default: throw new UnsupportedFormatException(target, "OME-Zarr cannot store " + c.cliName() + " compression");
        }
    }

    private static int level(JsonNode node, int dflt, int min, int max, Path file) {
        JsonNode l = node.get("level");
        if (l == null || l.isNull()) return dflt;
        if (!l.isInt() || l.asInt() < min || l.asInt() > max) throw new FormatException(file, "compressor level out of range: " + l);
        return l.asInt();
    }
}
