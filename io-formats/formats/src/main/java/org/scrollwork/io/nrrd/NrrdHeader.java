package org.scrollwork.io.nrrd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.InsideRoot;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.VoxelSize;

/**
 * A parsed NRRD header (format versions NRRD0001–NRRD0005), restricted to what Scrollwork reads:
 * dimension 2 or 3, one scalar per voxel, raw or gzip encoding.
 *
 * <p>The header of an attached {@code .nrrd} file ends at the first empty line and the data follows
 * it; a detached {@code .nhdr} header names its data file with {@code data file:}, a path relative to
 * the header's directory that may not leave it.
 *
 * @param headerPath  the file holding the header
 * @param dataPath    the file holding the data (the header file itself when attached)
 * @param dataStart   for attached data, the byte offset right after the header's blank line; 0 when detached
 * @param shape       {@code [x, y, z]}, z = 1 for 2-D images
 * @param dataType    voxel type
 * @param gzip        whether the data is gzip-compressed ({@code encoding: gzip} or {@code gz})
 * @param order       byte order of multi-byte voxels
 * @param lineSkip    lines of the data file skipped before the data (before decompression)
 * @param byteSkip    bytes skipped after the lines (after decompression for gzip); -1: the data ends the file (raw only)
 * @param voxelSizeUm voxel size when spacings or space directions come with units of length
 * @param facts       header fields for provenance (never parsed back)
 */
record NrrdHeader(Path headerPath, Path dataPath, long dataStart, long[] shape, DataType dataType, boolean gzip,
                  ByteOrder order, long lineSkip, long byteSkip, Optional<VoxelSize> voxelSizeUm, Map<String, String> facts) {

    static final String MAGIC = "NRRD000";
    private static final int MAX_HEADER_BYTES = 1 << 20;
    private static final Pattern VECTOR = Pattern.compile("\\(([^)]*)\\)|none");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    /** Bytes of one z slice. */
    long sliceBytes() { return shape[0] * shape[1] * dataType.bytesPerVoxel(); }

    /** Bytes of all voxels. */
    long dataBytes() { return sliceBytes() * shape[2]; }

    /** Reads and checks the header of an attached or detached NRRD file. */
    /** Prefix of the facts that come from {@code key:=value} lines. */
    static final String KEY_VALUE = "nrrd key/value ";

    static NrrdHeader read(Path path) {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(MAX_HEADER_BYTES);
        } catch (IOException e) {
            throw new FormatException(path, "cannot read: " + e.getMessage(), e);
        }
        if (head.length < MAGIC.length() + 1 || !new String(head, 0, MAGIC.length(), StandardCharsets.US_ASCII).equals(MAGIC)) {
            throw new FormatException(path, "not a NRRD file (no NRRD000x magic)");
        }
        int end = blankLine(head);
        int headerEnd = end < 0 ? head.length : end;
        String text = new String(head, 0, headerEnd, StandardCharsets.UTF_8);
        return parse(path, text.split("\r?\n"), end < 0 ? -1 : end + blankLineLength(head, end));
    }

    private static NrrdHeader parse(Path path, String[] lines, long attachedStart) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> keyValues = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) continue;
            int sep = line.indexOf(": ");
            if (sep < 0) {
                int kv = line.indexOf(":=");
                if (kv > 0) { // key/value pairs: free-form, kept as facts
                    keyValues.put(line.substring(0, kv), line.substring(kv + 2));
                    continue;
                }
                throw new FormatException(path, "header line " + (i + 1) + " is not 'field: value': " + abbreviate(line));
            }
            fields.put(line.substring(0, sep).trim().toLowerCase(Locale.ROOT), line.substring(sep + 2).trim());
        }
        long dimension = number(path, fields, "dimension"); // compared as read: a cast would make 2^32 + 3 a 3
        if (dimension != 2 && dimension != 3) throw new UnsupportedFormatException(path, "NRRD dimension " + dimension + " (only 2 or 3 are read)");
        int dim = (int) dimension;
        long[] sizes = numbers(path, required(path, fields, "sizes"), dim, "sizes");
        long[] shape = {sizes[0], sizes[1], dim == 3 ? sizes[2] : 1};
        for (long s : shape) {
            if (s < 1) throw new FormatException(path, "sizes must be positive: " + abbreviate(fields.get("sizes")));
        }
        DataType type = NrrdTypes.parse(path, required(path, fields, "type"));
        String enc = required(path, fields, "encoding").toLowerCase(Locale.ROOT);
        boolean gzip;
        if (enc.equals("raw")) gzip = false;
        else if (enc.equals("gzip") || enc.equals("gz")) gzip = true;
        else throw new UnsupportedFormatException(path, "NRRD encoding '" + abbreviate(enc) + "' (only raw and gzip are read)");
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (type.bytesPerVoxel() > 1) {
            String e = required(path, fields, "endian").toLowerCase(Locale.ROOT);
            if (e.equals("big")) order = ByteOrder.BIG_ENDIAN;
            else if (!e.equals("little")) throw new FormatException(path, "endian must be little or big: " + abbreviate(e));
        }
        long lineSkip = fields.containsKey("line skip") ? number(path, fields, "line skip") : 0;
        long byteSkip = fields.containsKey("byte skip") ? number(path, fields, "byte skip") : 0;
        if (lineSkip < 0 || byteSkip < -1) throw new FormatException(path, "line skip and byte skip must be >= 0 (byte skip may be -1)");
        if (byteSkip == -1 && gzip) throw new UnsupportedFormatException(path, "byte skip -1 with gzip encoding");
        String dataFile = fields.getOrDefault("data file", fields.get("datafile"));
        Path dataPath;
        long start;
        if (dataFile != null) {
            dataPath = resolveDataFile(path, dataFile);
            start = 0;
        } else {
            if (attachedStart < 0) throw new FormatException(path, "header has no blank line ending it and no 'data file' field");
            dataPath = path;
            start = attachedStart;
        }
        try {
            Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(shape[0], shape[1]), shape[2]), type.bytesPerVoxel());
        } catch (ArithmeticException e) {
            throw new FormatException(path, "sizes " + abbreviate(fields.get("sizes")) + " overflow");
        }
        if (shape[0] * shape[1] * type.bytesPerVoxel() > Integer.MAX_VALUE - 16) {
            throw new UnsupportedFormatException(path, "one z slice of " + shape[0] + " x " + shape[1] + " voxels exceeds 2 GiB");
        }
        Map<String, String> facts = new LinkedHashMap<>();
        fields.forEach((k, v) -> facts.put("nrrd " + k, cut(v)));
        keyValues.forEach((k, v) -> facts.put(KEY_VALUE + k, cut(v)));
        return new NrrdHeader(path, dataPath, start, shape, type, gzip, order, lineSkip, byteSkip,
                voxelSize(path, fields, dim), facts);
    }

    private static Path resolveDataFile(Path header, String name) {
        if (name.startsWith("LIST") || name.contains("%")) {
            throw new UnsupportedFormatException(header, "NRRD data split over several files ('data file: " + abbreviate(name) + "')");
        }
        Path dir = header.toAbsolutePath().getParent();
        Path p;
        try {
            p = dir.getFileSystem().getPath(name);
        } catch (RuntimeException e) {
            throw new FormatException(header, "bad data file name: " + abbreviate(name));
        }
        Path resolved = dir.resolve(p).normalize();
        if (p.isAbsolute() || !resolved.startsWith(dir.normalize()) || resolved.equals(dir.normalize())) {
            throw new FormatException(header, "data file '" + abbreviate(name) + "' is outside the header's directory");
        }
        return InsideRoot.check(dir, resolved);
    }

    /** Voxel size from {@code space directions} + {@code space units}, or {@code spacings} + {@code units}, when units are lengths. */
    private static Optional<VoxelSize> voxelSize(Path path, Map<String, String> f, int dim) {
        double[] spacing = null;
        String units = null;
        if (f.containsKey("space directions")) {
            spacing = directionNorms(path, f.get("space directions"), dim);
            units = f.get("space units");
        } else if (f.containsKey("spacings")) {
            String[] parts = f.get("spacings").trim().split("\\s+");
            if (parts.length != dim) throw new FormatException(path, "spacings needs " + dim + " values: " + abbreviate(f.get("spacings")));
            spacing = new double[dim];
            for (int i = 0; i < dim; i++) spacing[i] = parseDouble(path, parts[i], "spacings");
            units = f.get("units");
        }
        if (spacing == null || units == null) return Optional.empty();
        Matcher m = QUOTED.matcher(units);
        List<Double> factors = new ArrayList<>();
        while (m.find()) factors.add(micrometresPer(m.group(1)));
        if (factors.size() != dim || factors.contains(null)) return Optional.empty();
        double[] um = new double[3];
        for (int i = 0; i < dim; i++) {
            um[i] = spacing[i] * factors.get(i);
            if (!(um[i] > 0) || Double.isInfinite(um[i])) return Optional.empty();
        }
        if (dim == 2) {
            if (um[0] != um[1]) return Optional.empty(); // a 2-D image has no slice thickness; assume one only when square
            um[2] = um[0];
        }
        return Optional.of(new VoxelSize(um[0], um[1], um[2]));
    }

    private static double[] directionNorms(Path path, String value, int dim) {
        Matcher m = VECTOR.matcher(value);
        double[] norms = new double[dim];
        int axis = 0;
        while (m.find()) {
            if (m.group(1) == null) continue; // a "none" axis is not spatial
            if (axis >= dim) break;
            double sum = 0;
            for (String c : m.group(1).split(",")) {
                double v = parseDouble(path, c.trim(), "space directions");
                sum += v * v;
            }
            norms[axis++] = Math.sqrt(sum);
        }
        if (axis != dim) throw new FormatException(path, "space directions needs " + dim + " vectors: " + abbreviate(value));
        return norms;
    }

    private static Double micrometresPer(String unit) {
        switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "um": case "µm": case "μm": case "micron": case "microns": case "micrometer": case "micrometers":
            case "micrometre": case "micrometres":
                return 1.0;
            case "mm": case "millimeter": case "millimeters": case "millimetre": case "millimetres":
                return 1000.0;
            case "nm": case "nanometer": case "nanometers": case "nanometre": case "nanometres":
                return 1e-3;
            default:
                return null;
        }
    }

    private static String required(Path path, Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null) throw new FormatException(path, "NRRD header lacks the required field '" + key + "'");
        return v;
    }

    private static long number(Path path, Map<String, String> f, String key) {
        String v = required(path, f, key);
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new FormatException(path, "field '" + key + "' is not an integer: " + abbreviate(v));
        }
    }

    private static long[] numbers(Path path, String v, int count, String key) {
        String[] parts = v.trim().split("\\s+");
        if (parts.length != count) throw new FormatException(path, key + " needs " + count + " values: " + abbreviate(v));
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            try {
                out[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                throw new FormatException(path, key + " holds a non-integer: " + abbreviate(v));
            }
        }
        return out;
    }

    private static double parseDouble(Path path, String s, String key) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new FormatException(path, key + " holds a non-number: " + abbreviate(s));
        }
    }

    /** Index of the first of the two line ends that make the first empty line, or -1. */
    private static int blankLine(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\n' && b[i + 1] == '\n') return i;
            if (b[i] == '\n' && b[i + 1] == '\r' && i + 2 < b.length && b[i + 2] == '\n') return i;
        }
        return -1;
    }

    private static int blankLineLength(byte[] b, int at) { return b[at + 1] == '\r' ? 3 : 2; }

    /** {@code s} cut to 80 characters, as provenance keeps header fields. */
    private static String cut(String s) { return s.length() > 80 ? s.substring(0, 80) + "..." : s; }

    /**
     * {@code s} as messages quote header text: cut to 80 characters, control characters (line ends included) and
     * line separators as '?', so that a damaged header (or data read as one) stays one short line.
     */
    static String abbreviate(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 80) + 3);
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return s.length() > 80 ? b.append("...").toString() : b.toString();
    }
}
