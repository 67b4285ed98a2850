package org.scrollwork.io.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Objects;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.UnsupportedFormatException;

/**
 * A Zarr v2 array's {@code .zarray}, validated. {@code shape} and {@code chunks} are in Zarr order
 * (slowest axis first: {@code [t, c,] z, y, x}); {@link #shapeXyz()} and {@link #chunkXyz()} give
 * Scrollwork's {@code [x, y, z]} view. Arrays are 2-D {@code (y, x)}, 3-D {@code (z, y, x)}, or 4/5-D
 * with leading axes of length 1.
 *
 * @param fillValue value of voxels in chunks that are not stored
 * @param separator {@code "."} or {@code "/"} between chunk indices in keys
 * @param keyPrefix {@code ""} for Zarr v2 keys ({@code "0.1.2"}), {@code "c"} for Zarr v3 default keys ({@code "c/0/1/2"})
 */
public record ZarrArrayMetadata(long[] shape, int[] chunks, DataType dataType, ByteOrder byteOrder, double fillValue,
                                ZarrCodec codec, String separator, String keyPrefix) {
    /** Largest uncompressed chunk accepted (and allocated): 256 MiB. */
    public static final long MAX_CHUNK_BYTES = 256L << 20;
    /** Largest extent of one axis accepted. */
    public static final long MAX_AXIS = 1L << 31;

    public ZarrArrayMetadata {
        Objects.requireNonNull(codec);
        shape = shape.clone();
        chunks = chunks.clone();
    }

    /** Metadata for a new 3-D array written by Scrollwork, from {@code [x, y, z]} shapes. */
    public static ZarrArrayMetadata forWriting(long[] shapeXyz, int[] chunkXyz, DataType t, ByteOrder order, ZarrCodec codec) {
        return new ZarrArrayMetadata(new long[] {shapeXyz[2], shapeXyz[1], shapeXyz[0]},
                new int[] {chunkXyz[2], chunkXyz[1], chunkXyz[0]}, t, order, 0, codec, "/", "");
    }

    @Override public long[] shape() { return shape.clone(); }

    @Override public int[] chunks() { return chunks.clone(); }

    public int rank() { return shape.length; }

    /** Shape as {@code [x, y, z]} (z = 1 for 2-D arrays). */
    public long[] shapeXyz() {
        int n = shape.length;
        return new long[] {shape[n - 1], shape[n - 2], n >= 3 ? shape[n - 3] : 1};
    }

    /** Chunk shape as {@code [x, y, z]}, not clipped to the shape. */
    public int[] chunkXyz() {
        int n = chunks.length;
        return new int[] {chunks[n - 1], chunks[n - 2], n >= 3 ? chunks[n - 3] : 1};
    }

    /** Uncompressed size of one stored chunk (every chunk, edge chunks included, is stored at full size). */
    public int chunkBytes() {
        long n = dataType.bytesPerVoxel();
        for (int c : chunks) n *= c;
        return Math.toIntExact(n);
    }

    /** The chunk key of the chunk at grid position {@code [x, y, z]}. */
    public String chunkKey(long[] gridXyz) {
        long[] g = new long[shape.length];
        int n = shape.length;
        g[n - 1] = gridXyz[0];
        g[n - 2] = gridXyz[1];
        if (n >= 3) g[n - 3] = gridXyz[2];
        String key = ZarrKeys.chunkKey(g, separator);
        return keyPrefix.isEmpty() ? key : keyPrefix + separator + key;
    }

    /** The {@code dtype} string, e.g. {@code "<u2"}. */
    public String dtype() {
        char order = dataType.bytesPerVoxel() == 1 ? '|' : byteOrder == ByteOrder.BIG_ENDIAN ? '>' : '<';
        String kind;
        switch (dataType) {
            case UINT8: case UINT16: case UINT32: kind = "u"; break;
            case INT16: kind = "i"; break;
            default: kind = "f";
        }
        return order + kind + dataType.bytesPerVoxel();
    }

    /** The {@code .zarray} document. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        ArrayNode c = o.putArray("chunks");
        for (int x : chunks) c.add(x);
        o.set("compressor", codec.toJson());
        o.put("dimension_separator", separator);
        o.put("dtype", dtype());
        if (dataType.isFloatingPoint()) o.put("fill_value", fillValue);
        else o.put("fill_value", (long) fillValue);
        o.putNull("filters");
        o.put("order", "C");
        ArrayNode s = o.putArray("shape");
        for (long x : shape) s.add(x);
        o.put("zarr_format", 2);
        return o;
    }

    /**
     * Parses and validates a {@code .zarray}, before anything is allocated from it.
     *
     * @throws UnsupportedFormatException for valid Zarr this reader does not handle (order F, filters, other dtypes)
     * @param store the root of the store the array lies in: a {@code .zarray} resolving outside it is refused
     * @throws FormatException for anything malformed, naming the file
     */
    public static ZarrArrayMetadata parse(Path store, Path file) {
        return parse(ZarrJson.read(store, file), file);
    }

    /** Same as {@link #parse(Path, Path)} for a {@code .zarray} already read; {@code file} names it in errors. */
    static ZarrArrayMetadata parse(JsonNode n, Path file) {
        if (n.path("zarr_format").asInt(-1) != 2) throw new FormatException(file, "zarr_format must be 2, got " + n.get("zarr_format"));
        long[] shape = longs(n.get("shape"), "shape", file);
        long[] chunksL = longs(n.get("chunks"), "chunks", file);
        JsonNode dt = n.get("dtype");
        if (dt == null || !dt.isTextual()) throw new UnsupportedFormatException(file, "dtype " + dt + " is not supported");
        DataType type = parseDtype(dt.asText(), file);
        ByteOrder order = dt.asText().startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int[] chunks = checkGeometry(shape, chunksL, type, file);
        String ord = n.path("order").asText("");
        if (ord.equals("F")) throw new UnsupportedFormatException(file, "order \"F\" (column-major chunks) is not supported");
        if (!ord.equals("C")) throw new FormatException(file, "order must be \"C\" or \"F\", got " + n.get("order"));
        JsonNode filters = n.get("filters");
        if (filters != null && !filters.isNull() && !(filters.isArray() && filters.isEmpty())) {
            throw new UnsupportedFormatException(file, "filters " + filters + " are not supported (only null)");
        }
        String sep = n.path("dimension_separator").asText(".");
        if (n.has("dimension_separator") && n.get("dimension_separator").isNull()) sep = ".";
        if (!sep.equals(".") && !sep.equals("/")) throw new FormatException(file, "dimension_separator must be \".\" or \"/\", got " + n.get("dimension_separator"));
        ZarrCodec codec = ZarrCodec.fromJson(n.get("compressor"), type.bytesPerVoxel(), file);
        return new ZarrArrayMetadata(shape, chunks, type, order, fillValue(n.get("fill_value"), type, file), codec, sep, "");
    }

    /**
     * Checks shape and chunk shape (Zarr order) for rank, range, leading singleton axes and chunk size,
     * and returns the chunk shape as ints.
     *
     * @throws FormatException naming {@code file} when they are inconsistent or absurd
     */
    static int[] checkGeometry(long[] shape, long[] chunksL, DataType type, Path file) {
        if (shape.length != chunksL.length) {
            throw new FormatException(file, "shape has " + shape.length + " axes but chunks has " + chunksL.length);
        }
        if (shape.length < 2 || shape.length > 5) throw new UnsupportedFormatException(file, "arrays of " + shape.length + " axes are not supported (2 to 5 are)");
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 1 || shape[i] > MAX_AXIS) throw new FormatException(file, "shape[" + i + "] = " + shape[i] + " is out of range 1.." + MAX_AXIS);
            if (chunksL[i] < 1 || chunksL[i] > MAX_AXIS) throw new FormatException(file, "chunks[" + i + "] = " + chunksL[i] + " is out of range 1.." + MAX_AXIS);
        }
        for (int i = 0; i < shape.length - 3; i++) {
            if (shape[i] != 1) throw new UnsupportedFormatException(file, "leading axis " + i + " has length " + shape[i] + "; only 1 is supported (one volume per array)");
        }
        long chunkBytes = type.bytesPerVoxel();
        for (long c : chunksL) {
            chunkBytes *= c;
            if (chunkBytes > MAX_CHUNK_BYTES) throw new FormatException(file, "chunks " + java.util.Arrays.toString(chunksL) + " are larger than " + MAX_CHUNK_BYTES + " bytes");
        }
        int[] chunks = new int[chunksL.length];
        for (int i = 0; i < chunks.length; i++) chunks[i] = (int) chunksL[i];
        return chunks;
    }

    static DataType parseDtype(String s, Path file) {
        if (s.length() < 3 || "<>|".indexOf(s.charAt(0)) < 0) throw new UnsupportedFormatException(file, "dtype \"" + s + "\" is not supported");
        switch (s.substring(1)) {
            case "u1": return DataType.UINT8;
            case "u2": return DataType.UINT16;
            case "i2": return DataType.INT16;
            case "u4": return DataType.UINT32;
            case "f4": return DataType.FLOAT32;
            case "f8": return DataType.FLOAT64;
            default: throw new UnsupportedFormatException(file, "dtype \"" + s + "\" is not supported (|u1, u2, i2, u4, f4, f8 are)");
        }
    }

    static double fillValue(JsonNode f, DataType t, Path file) {
        if (f == null || f.isNull()) return 0;
        if (f.isNumber()) return f.asDouble();
        if (f.isTextual() && t.isFloatingPoint()) {
            switch (f.asText()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        if (f.isBoolean()) return f.asBoolean() ? 1 : 0;
        throw new FormatException(file, "fill_value " + f + " is not a number for dtype " + t.numpyName());
    }

    static long[] longs(JsonNode a, String name, Path file) {
        if (a == null || !a.isArray()) throw new FormatException(file, name + " must be an array of integers");
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = a.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new FormatException(file, name + "[" + i + "] = " + v + " is not an integer");
            out[i] = v.asLong();
        }
        return out;
    }
}
