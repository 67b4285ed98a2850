package org.scrollwork.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.files.WriteFailure;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Format;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.LevelInfo;
import org.scrollwork.io.ScanAttributes;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.WriteOptions;

/**
 * HDF5 ({@code .h5}, {@code .hdf5}, {@code .hdf}) through the pure-Java jhdf library.
 *
 * <p>Which dataset: a path {@code scan.h5#/exchange/data} names one (see {@link Hdf5Location});
 * a plain {@code scan.h5} takes the first 3-D (else 2-D) dataset of a supported type, depth first
 * with children in name order. Axes: HDF5 stores C order {@code (z, y, x)}, which becomes our
 * {@code [x, y, z]}; a 2-D dataset {@code (y, x)} becomes z = 1. Types: uint8, uint16, int16, uint32,
 * float32, float64. Voxel size: the dataset's {@code element_size_um} attribute in {@code (z, y, x)}
 * order, the ilastik/Fiji convention (other attributes are not read; absent means absent).
 *
 * <p>Cost: reading is lazy. A chunked dataset is read one HDF5 chunk per cache cell (chunks larger
 * than 2^26 voxels, and contiguous datasets, one z slice per cell), through one file handle that the
 * volume keeps open until it is garbage collected. Chunks never written read as the dataset's fill value, as
 * libhdf5 reads them (see {@link Hdf5Chunks}). Any error jhdf raises, while parsing or while a
 * chunk loads, becomes a {@link FormatException} naming the file.
 *
 * <p>Write: one dataset {@code /volume}, C order, with {@code element_size_um} when the voxel size is
 * known; chunked one z slice per chunk unless {@link WriteOptions#chunkShape()} says otherwise;
 * compression NONE or DEFLATE/GZIP (the same zlib filter). jhdf 0.13 writes a dataset from one Java
 * array, so the writer holds the whole volume in memory. Little endian only.
 */
public final class Hdf5Format implements Format {
    private static final byte[] MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    @Override public String name() { return "hdf5"; }

    @Override public List<String> extensions() { return List.of(".h5", ".hdf5", ".hdf"); }

    @Override public Checker createChecker() { return new Checker(); }

    @Override public Parser createParser() { return new Parser(); }

    @Override public Reader createReader() { return new Reader(); }

    @Override public Writer createWriter() { return new Writer(); }

    /** Recognises the HDF5 signature at byte 0 or after a user block (512, 1024, 2048, ... bytes). */
    public static final class Checker implements Format.Checker {
        @Override public boolean isFormat(Path path) {
            Path file = Hdf5Location.parse(path).file();
            if (!Files.isRegularFile(file)) return false;
            try (InputStream in = Files.newInputStream(file)) {
                byte[] head = in.readNBytes(1 << 16);
                for (int at = 0; at + MAGIC.length <= head.length; at = at == 0 ? 512 : at * 2) {
                    if (Arrays.equals(head, at, at + MAGIC.length, MAGIC, 0, MAGIC.length)) return true;
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** Opens the file, picks the dataset and reads shape, type and voxel size. */
    public static final class Parser implements Format.Parser {
        @Override public DatasetInfo parse(Path path) {
            Hdf5Location loc = Hdf5Location.parse(path);
            Header h = Hdf5Files.withFile(loc.file(), f -> Header.of(loc, f));
            return new DatasetInfo("hdf5", path, List.of(new LevelInfo(h.shape, h.chunk, h.meta)));
        }
    }

    /** Opens the single level lazily (see the class comment for what a chunk read costs). */
    public static final class Reader implements Format.Reader {
        @Override public Volume<?> read(Path path, int level) {
            if (level != 0) throw new UnsupportedFormatException(path, "HDF5 is read as one resolution level; asked for level " + level);
            Hdf5Location loc = Hdf5Location.parse(path);
            Header h = Hdf5Files.withFile(loc.file(), f -> Header.of(loc, f));
            return ChunkedVolumes.lazy(h.shape, h.chunk, h.meta, Hdf5Files.chunkLoader(loc.file(), h.datasetPath, h.meta.dataType(), h.rank, h.fillBits));
        }
    }

    /** What the parser learns, kept for the reader. */
    private static final class Header {
        final long[] shape;
        final int[] chunk;
        final ScanMetadata meta;
        final String datasetPath;
        final int rank;
        final java.util.OptionalLong fillBits;

        private Header(long[] shape, int[] chunk, ScanMetadata meta, String datasetPath, int rank, java.util.OptionalLong fillBits) {
            this.shape = shape;
            this.chunk = chunk;
            this.meta = meta;
            this.datasetPath = datasetPath;
            this.rank = rank;
            this.fillBits = fillBits;
        }

        static Header of(Hdf5Location loc, HdfFile f) {
            Dataset d = Hdf5Datasets.find(loc.file(), f, loc.dataset());
            DataType t = Hdf5Datasets.dataType(loc.file(), d);
            long[] shape = Hdf5Datasets.shape(d);
            for (long s : shape) {
                if (s < 1 || s > Integer.MAX_VALUE) throw new FormatException(loc.file(), "dataset " + d.getPath() + " has axis length " + s);
            }
            if (shape[0] * shape[1] > Integer.MAX_VALUE - 16) {
                throw new UnsupportedFormatException(loc.file(), "one z slice of " + d.getPath() + " exceeds 2^31 voxels");
            }
            Hdf5Files.checkLength(loc.file(), f, d, t.bytesPerVoxel());
            ScanMetadata.Builder b = ScanMetadata.builder(t)
                    .provenance("format", "hdf5")
                    .provenance("source", loc.file().toString())
                    .provenance("hdf5 dataset", d.getPath())
                    .provenance("hdf5 layout", String.valueOf(d.getDataLayout()));
            if (d.getDimensions().length == 2) {
                b.provenance(TWO_D_NOTE_KEY, "2-D dataset " + d.getPath() + " (y, x) read as one slice, z = 1"
                        + (loc.dataset().isPresent() ? "" : "; the file holds no 3-D dataset"));
            }
            Hdf5Datasets.voxelSize(loc.file(), d).ifPresent(b::voxelSizeUm);
            ScanAttributes.apply(Hdf5Datasets.stringAttributes(d, ScanAttributes.SCROLL_ID, ScanAttributes.SCAN_ID, ScanAttributes.BEAM_ENERGY_KEV),
                    b, loc.file());
            return new Header(shape, Hdf5Datasets.chunk(d, shape), b.build(), d.getPath(), d.getDimensions().length,
                    Hdf5Datasets.fillBits(loc.file(), d, t));
        }
    }

    /** Provenance key that says a 2-D dataset was read as one slice ({@code info} shows it). */
    public static final String TWO_D_NOTE_KEY = "hdf5 note";

    /** Writes the first level as dataset {@code /volume}. */
    public static final class Writer implements Format.Writer {
        /** The dataset every file written here holds. */
        public static final String DATASET = "/volume";

        @Override public void write(Path path, List<? extends Volume<?>> levels, WriteOptions options) {
            Volume<?> v = levels.get(0);
            Compression c = options.compression().orElse(Compression.NONE);
            if (c != Compression.NONE && c != Compression.DEFLATE && c != Compression.GZIP) {
                throw new UnsupportedFormatException(path, "HDF5 (jhdf) writes no compression or deflate/gzip, not " + c.cliName());
            }
            if (options.byteOrder().isPresent() && options.byteOrder().get() != ByteOrder.LITTLE_ENDIAN) {
                throw new UnsupportedFormatException(path, "jhdf writes little-endian data only");
            }
            long[] s = v.shape();
            int[] chunk = options.chunkShape().orElse(new int[] {(int) s[0], (int) s[1], 1});
            DatasetCreationOptions.Builder o = DatasetCreationOptions.builder()
                    .chunkDimensions((int) Math.min(chunk[2], s[2]), (int) Math.min(chunk[1], s[1]), (int) Math.min(chunk[0], s[0]));
            if (!v.dataType().isSigned()) o.unsigned();
            if (c != Compression.NONE) o.deflate();
            requireHeapFor(path, v.byteCount(), Runtime.getRuntime());
            Object data = nested(v);
            AtomicFiles.write(path, tmp -> {
                try (WritableHdfFile f = HdfFile.write(tmp)) {
                    WritableDataset d = f.putDataset(DATASET.substring(1), data, o.build());
                    v.meta().voxelSizeUm().ifPresent(vs -> d.putAttribute(Hdf5Datasets.VOXEL_SIZE_ATTRIBUTE,
                            new double[] {vs.zUm(), vs.yUm(), vs.xUm()}));
                    ScanAttributes.of(v.meta()).forEach((k, val) -> d.putAttribute(k, val));
                } catch (RuntimeException e) {
                    throw new IOException(WriteFailure.reason(e), e);
                }
            });
        }

        /**
         * jhdf writes a dataset from one Java array, so the whole volume must fit in the heap: refuses, before anything
         * is allocated, a volume larger than the heap can still take (with a quarter kept for jhdf's own buffers).
         */
        static void requireHeapFor(Path path, long volumeBytes, Runtime rt) {
            long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            long usable = free - free / 4;
            if (volumeBytes > usable) {
                throw new IllegalArgumentException(path + ": writing HDF5 holds the whole volume in memory: " + mb(volumeBytes)
                        + " MB do not fit in the " + mb(usable) + " MB of heap left (-Xmx " + mb(rt.maxMemory())
                        + " MB); raise -Xmx or write OME-Zarr or TIFF, which stream");
            }
        }

        private static long mb(long bytes) { return (bytes + (1 << 20) - 1) >> 20; }

        /** The volume as a Java array {@code [z][y][x]} of its primitive type. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object nested(Volume<?> v) {
            long[] s = v.shape();
            int nx = Math.toIntExact(s[0]);
            int ny = Math.toIntExact(s[1]);
            int nz = Math.toIntExact(s[2]);
            Object out = null;
            for (int z = 0; z < nz; z++) {
                Object slice = ChunkedVolumes.readSlice((Volume) v, z);
                if (out == null) {
                    out = Array.newInstance(slice.getClass().getComponentType(), nz, ny, nx);
                }
                Object[] rows = (Object[]) Array.get(out, z);
                for (int y = 0; y < ny; y++) System.arraycopy(slice, y * nx, rows[y], 0, nx);
            }
            return out;
        }
    }
}
