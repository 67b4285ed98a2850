package org.scrollwork.io.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.UnsupportedFormatException;

/**
 * Read support for Zarr v3 array metadata ({@code zarr.json} with {@code node_type "array"}): regular chunk
 * grid, {@code default} or {@code v2} chunk key encoding, the {@code bytes} codec (optionally after an
 * identity {@code transpose}) and at most one of the {@code gzip}, {@code zstd}, {@code blosc} compressors.
 * Sharding, storage transformers and other codecs are {@link UnsupportedFormatException}s.
 */
final class ZarrV3Metadata {
    private ZarrV3Metadata() {}

    /** Parses an array's {@code zarr.json} into the same validated form as a v2 {@code .zarray}; {@code file} names it in errors. */
    static ZarrArrayMetadata parseArray(JsonNode n, Path file) {
        if (n.path("zarr_format").asInt(-1) != 3) throw new FormatException(file, "zarr_format must be 3, got " + n.get("zarr_format"));
        if (!"array".equals(n.path("node_type").asText())) throw new FormatException(file, "node_type must be \"array\", got " + n.get("node_type"));
        JsonNode st = n.get("storage_transformers");
        if (st != null && !(st.isArray() && st.isEmpty())) throw new UnsupportedFormatException(file, "storage_transformers are not supported");
        long[] shape = ZarrArrayMetadata.longs(n.get("shape"), "shape", file);
        JsonNode grid = n.get("chunk_grid");
        if (grid == null || !"regular".equals(grid.path("name").asText())) throw new UnsupportedFormatException(file, "only a \"regular\" chunk_grid is supported, got " + grid);
        long[] chunksL = ZarrArrayMetadata.longs(grid.path("configuration").get("chunk_shape"), "chunk_shape", file);
        DataType type = dataType(n.path("data_type").asText(""), file);
        int[] chunks = ZarrArrayMetadata.checkGeometry(shape, chunksL, type, file);

        JsonNode enc = n.get("chunk_key_encoding");
        String encName = enc == null ? "default" : enc.path("name").asText("");
        String prefix;
        String sep;
        if (encName.equals("default")) {
            prefix = "c";
            sep = enc == null ? "/" : enc.path("configuration").path("separator").asText("/");
        } else if (encName.equals("v2")) {
            prefix = "";
            sep = enc.path("configuration").path("separator").asText(".");
        } else {
            throw new UnsupportedFormatException(file, "chunk_key_encoding " + enc + " is not supported");
        }
        if (!sep.equals("/") && !sep.equals(".")) throw new FormatException(file, "chunk key separator must be \"/\" or \".\", got " + sep);

        JsonNode codecs = n.get("codecs");
        if (codecs == null || !codecs.isArray() || codecs.isEmpty()) throw new FormatException(file, "codecs must be a non-empty list");
        ByteOrder order = null;
        ZarrCodec compressor = RawCodec.INSTANCE;
        for (JsonNode c : codecs) {
            String name = c.isTextual() ? c.asText() : c.path("name").asText("");
            JsonNode conf = c.path("configuration");
            switch (name) {
                case "transpose": {
                    JsonNode o = conf.get("order");
                    if (order != null || o == null || !o.isArray()) throw new UnsupportedFormatException(file, "transpose codec " + c + " is not supported");
                    for (int i = 0; i < o.size(); i++) {
                        if (o.get(i).asInt(-1) != i) throw new UnsupportedFormatException(file, "non-identity transpose " + o + " is not supported");
                    }
                    break;
                }
                case "bytes": {
                    if (order != null) throw new FormatException(file, "more than one array-to-bytes codec");
                    String endian = conf.path("endian").asText(type.bytesPerVoxel() == 1 ? "little" : "");
                    if (endian.equals("little")) order = ByteOrder.LITTLE_ENDIAN;
                    else if (endian.equals("big")) order = ByteOrder.BIG_ENDIAN;
                    else throw new FormatException(file, "bytes codec needs endian \"little\" or \"big\", got " + conf.get("endian"));
                    break;
                }
                case "gzip": case "zstd": case "blosc": {
                    if (order == null) throw new FormatException(file, "compressor " + name + " before the bytes codec");
                    if (compressor != RawCodec.INSTANCE) throw new UnsupportedFormatException(file, "more than one compressor is not supported");
                    compressor = compressor(name, conf, type, file);
                    break;
                }
                default:
                    throw new UnsupportedFormatException(file, "codec \"" + name + "\" is not supported (bytes, gzip, zstd, blosc are)");
            }
        }
        if (order == null) throw new FormatException(file, "no bytes codec");
        double fill = fillValue(n.get("fill_value"), type, file);
        return new ZarrArrayMetadata(shape, chunks, type, order, fill, compressor, sep, prefix);
    }

    private static ZarrCodec compressor(String name, JsonNode conf, DataType type, Path file) {
        int level = conf.path("level").asInt(name.equals("gzip") ? 5 : 0);
        switch (name) {
            case "gzip":
                if (level < 0 || level > 9) throw new FormatException(file, "gzip level out of range: " + level);
                return new GzipCodec(level);
            case "zstd":
                if (level < -131072 || level > 22) throw new FormatException(file, "zstd level out of range: " + level);
                return new ZstdCodec(level);
            default: {
                String shuffle = conf.path("shuffle").asText("noshuffle");
                int s = shuffle.equals("noshuffle") ? 0 : shuffle.equals("shuffle") ? 1 : shuffle.equals("bitshuffle") ? 2 : -2;
                try {
                    return new BloscCodec(conf.path("cname").asText("zstd"), conf.path("clevel").asInt(5), s,
                            conf.path("blocksize").asInt(0), conf.path("typesize").asInt(type.bytesPerVoxel()));
                } catch (IllegalArgumentException e) {
                    throw new FormatException(file, "bad blosc configuration " + conf + ": " + e.getMessage());
                }
            }
        }
    }

    static DataType dataType(String s, Path file) {
        switch (s) {
            case "uint8": return DataType.UINT8;
            case "uint16": return DataType.UINT16;
            case "int16": return DataType.INT16;
            case "uint32": return DataType.UINT32;
            case "float32": return DataType.FLOAT32;
            case "float64": return DataType.FLOAT64;
            default: throw new UnsupportedFormatException(file, "data_type \"" + s + "\" is not supported (uint8, uint16, int16, uint32, float32, float64 are)");
        }
    }

    private static double fillValue(JsonNode f, DataType t, Path file) {
        if (f != null && f.isTextual() && f.asText().startsWith("0x") && t.isFloatingPoint()) {
            try {
                long bits = Long.parseUnsignedLong(f.asText().substring(2), 16);
                return t == DataType.FLOAT32 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
            } catch (NumberFormatException e) {
                throw new FormatException(file, "bad fill_value " + f);
            }
        }
        return ZarrArrayMetadata.fillValue(f, t, file);
    }
}
