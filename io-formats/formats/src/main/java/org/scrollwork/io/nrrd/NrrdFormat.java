package org.scrollwork.io.nrrd;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Format;
import org.scrollwork.io.LevelInfo;
import org.scrollwork.io.ScanAttributes;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelArrays;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/**
 * NRRD ({@code .nrrd} with attached header, {@code .nhdr} with a detached one), as written by teem,
 * 3D Slicer and pynrrd. See <a href="http://teem.sourceforge.net/nrrd/format.html">the NRRD format</a>.
 *
 * <p>Read: dimension 2 (z = 1) or 3; types uchar, short, ushort, uint, float, double in any of teem's
 * spellings; encodings {@code raw} and {@code gzip}/{@code gz}; little or big endian; {@code line skip}
 * and {@code byte skip} (-1 only for raw). A detached header's {@code data file} must lie in or below the
 * header's directory. The voxel size is taken from {@code space directions} (vector lengths) with
 * {@code space units}, or from {@code spacings} with {@code units}, and only when the units are lengths
 * (µm, micron(s), um, mm, nm); otherwise it stays absent and the raw fields are kept in provenance.
 *
 * <p>Cost: raw data is lazy with one chunk per z slice, read by one positional read. Gzip data is lazy
 * too but decodes front to back: reading in increasing z costs one pass; jumping back to a slice no
 * longer cached restarts decompression from the start of the data. Reading the last slice checks the gzip trailer
 * (CRC-32 and length), so damaged deflate data that still decodes fails there; gzip data longer than the sizes is an error.
 *
 * <p>Write: {@code encoding: raw} (default) or {@code gzip} ({@link Compression#NONE}/{@link Compression#GZIP}),
 * little endian unless {@link WriteOptions#byteOrder()} asks otherwise, {@code space directions} (diagonal)
 * with {@code space units: "microns"} when the voxel size is known. A {@code .nhdr} target is written as a
 * detached header plus {@code <name>.raw} or {@code <name>.raw.gz} beside it, each atomically (data first).
 */
public final class NrrdFormat implements Format {

    @Override public String name() { return "nrrd"; }

    @Override public List<String> extensions() { return List.of(".nrrd", ".nhdr"); }

    @Override public Checker createChecker() { return new Checker(); }

    @Override public Parser createParser() { return new Parser(); }

    @Override public Reader createReader() { return new Reader(); }

    @Override public Writer createWriter() { return new Writer(); }

    /** Recognises the {@code NRRD000x} magic at the start of a regular file. */
    public static final class Checker implements Format.Checker {
        @Override public boolean isFormat(Path path) {
            if (!Files.isRegularFile(path)) return false;
            try (InputStream in = Files.newInputStream(path)) {
                byte[] b = in.readNBytes(8);
                return b.length == 8 && new String(b, 0, 7, StandardCharsets.US_ASCII).equals(NrrdHeader.MAGIC)
                        && b[7] >= '1' && b[7] <= '9';
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** Reads the header and checks that the data file is long enough (raw) or present (gzip). */
    public static final class Parser implements Format.Parser {
        @Override public DatasetInfo parse(Path path) {
            NrrdHeader h = NrrdHeader.read(path);
            NrrdData.rawOffset(h);
            return new DatasetInfo("nrrd", path, List.of(new LevelInfo(h.shape(), chunk(h), meta(h))));
        }
    }

    /** Opens the single level lazily, one z slice per chunk. */
    public static final class Reader implements Format.Reader {
        @Override public Volume<?> read(Path path, int level) {
            if (level != 0) throw new UnsupportedFormatException(path, "NRRD holds one resolution level; asked for level " + level);
            NrrdHeader h = NrrdHeader.read(path);
            long offset = NrrdData.rawOffset(h);
            ChunkedVolumes.ChunkLoader loader = h.gzip() ? NrrdData.gzipSlices(h, offset) : NrrdData.rawSlices(h, offset);
            return ChunkedVolumes.lazy(h.shape(), chunk(h), meta(h), loader);
        }
    }

    /** Writes the first level as an attached ({@code .nrrd}) or detached ({@code .nhdr}) NRRD. */
    public static final class Writer implements Format.Writer {
        @Override public void write(Path path, List<? extends Volume<?>> levels, WriteOptions options) {
            Volume<?> v = levels.get(0);
            Compression c = options.compression().orElse(Compression.NONE);
            if (c != Compression.NONE && c != Compression.GZIP) {
                throw new UnsupportedFormatException(path, "NRRD stores raw or gzip data, not " + c.cliName());
            }
            boolean gzip = c == Compression.GZIP;
            ByteOrder order = options.byteOrder().orElse(ByteOrder.LITTLE_ENDIAN);
            String name = path.getFileName().toString();
            if (name.toLowerCase(Locale.ROOT).endsWith(".nhdr")) {
                String dataName = name.substring(0, name.length() - 5) + (gzip ? ".raw.gz" : ".raw");
                AtomicFiles.write(path.resolveSibling(dataName), tmp -> {
                    try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
                        writeData(out, v, gzip, order);
                    }
                });
                byte[] header = header(v, gzip, order, Optional.of(dataName)).getBytes(StandardCharsets.UTF_8);
                AtomicFiles.writeBytes(path, header);
            } else {
                byte[] header = header(v, gzip, order, Optional.empty()).getBytes(StandardCharsets.UTF_8);
                AtomicFiles.write(path, tmp -> {
                    try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
                        out.write(header);
                        writeData(out, v, gzip, order);
                    }
                });
            }
        }

        private static String header(Volume<?> v, boolean gzip, ByteOrder order, Optional<String> dataFile) {
            long[] s = v.shape();
            StringBuilder b = new StringBuilder("NRRD0004\n# Complete NRRD file format specification at:\n")
                    .append("# http://teem.sourceforge.net/nrrd/format.html\n# written by Scrollwork\n")
                    .append("type: ").append(NrrdTypes.name(v.dataType())).append('\n')
                    .append("dimension: 3\n")
                    .append("sizes: ").append(s[0]).append(' ').append(s[1]).append(' ').append(s[2]).append('\n')
                    .append("kinds: domain domain domain\n");
            v.meta().voxelSizeUm().ifPresent(vs -> b.append("space dimension: 3\n")
                    .append("space directions: ").append(spaceDirections(vs)).append('\n')
                    .append("space units: \"microns\" \"microns\" \"microns\"\n"));
            if (v.dataType().bytesPerVoxel() > 1) {
                b.append("endian: ").append(order == ByteOrder.BIG_ENDIAN ? "big" : "little").append('\n');
            }
            b.append("encoding: ").append(gzip ? "gzip" : "raw").append('\n');
            ScanAttributes.of(v.meta()).forEach((k, val) -> b.append(SCAN_ATTRIBUTE_PREFIX).append(k).append(":=").append(val.replace('\n', ' ')).append('\n'));
            dataFile.ifPresent(f -> b.append("data file: ").append(f).append('\n'));
            return b.append('\n').toString();
        }

        private static void writeData(OutputStream file, Volume<?> v, boolean gzip, ByteOrder order) throws IOException {
            OutputStream buffered = new BufferedOutputStream(file, 1 << 16);
            OutputStream out = gzip ? new GZIPOutputStream(buffered, 1 << 16) : buffered;
            ChunkedVolumes.forEachSlice(v, (z, slice) -> out.write(VoxelArrays.encode(v.dataType(), slice, order)));
            if (out instanceof GZIPOutputStream) ((GZIPOutputStream) out).finish();
            out.flush();
        }
    }

    private static int[] chunk(NrrdHeader h) {
        return new int[] {(int) h.shape()[0], (int) h.shape()[1], 1};
    }

    private static ScanMetadata meta(NrrdHeader h) {
        ScanMetadata.Builder b = ScanMetadata.builder(h.dataType())
                .provenance("format", "nrrd")
                .provenance("source", h.headerPath().toString());
        if (!h.dataPath().equals(h.headerPath())) b.provenance("data file", h.dataPath().toString());
        h.facts().forEach(b::provenance);
        h.voxelSizeUm().ifPresent(b::voxelSizeUm);
        java.util.Map<String, String> scan = new java.util.LinkedHashMap<>();
        h.facts().forEach((k, v) -> {
            if (k.startsWith(NrrdHeader.KEY_VALUE + SCAN_ATTRIBUTE_PREFIX)) scan.put(k.substring((NrrdHeader.KEY_VALUE + SCAN_ATTRIBUTE_PREFIX).length()), v);
        });
        ScanAttributes.apply(scan, b, h.headerPath());
        return b.build();
    }

    /** Key prefix of the {@link ScanAttributes} stored as NRRD {@code key:=value} lines. */
    static final String SCAN_ATTRIBUTE_PREFIX = "scrollwork.";

    private static String spaceDirections(VoxelSize vs) {
        return "(" + vs.xUm() + ",0,0) (0," + vs.yUm() + ",0) (0,0," + vs.zUm() + ")";
    }
}
