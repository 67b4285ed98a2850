package org.scrollwork.io.tiff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Format;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.InsideRoot;
import org.scrollwork.io.LevelInfo;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/**
 * A directory of numbered single-page TIFF slices, the Vesuvius Challenge {@code volumes/<scan>/}
 * layout: slice {@code z} is the {@code z}-th file in number order ({@code 00000.tif, 00001.tif, ...}).
 * Shape, type and calibration come from the first slice; every other slice's header is checked against it
 * by the parser ({@code info}), and again when the slice is read. Has no file extension: choose it by name ({@code --format tiff-slices}).
 */
public final class TiffSlicesFormat implements Format {

    @Override public String name() { return "tiff-slices"; }

    @Override public List<String> extensions() { return List.of(); }

    @Override public Format.Checker createChecker() { return new Checker(); }

    @Override public Format.Parser createParser() { return new Parser(); }

    @Override public Format.Reader createReader() { return new Reader(); }

    @Override public Format.Writer createWriter() { return new Writer(TiffFormat.BIGTIFF_THRESHOLD); }

    /** A directory whose entries include numbered {@code .tif} files, the first of which starts with TIFF magic. */
    public static final class Checker implements Format.Checker {
        @Override public boolean isFormat(Path path) {
            try {
                Optional<SliceDirectory> d = SliceDirectory.list(path);
                if (d.isEmpty()) return false;
                Path first = d.get().slices().get(0);
                if (!InsideRoot.isInside(path, first)) return true; // not read here: the parser refuses it by name
                try (InputStream in = Files.newInputStream(first)) {
                    byte[] b = in.readNBytes(4);
                    return TiffHeader.hasMagic(b, b.length);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                return false;
            }
        }
    }

    /**
     * Lists the slices and parses every slice's header (not its pixels): a slice of another size or type than the
     * first is an error naming it.
     */
    public static final class Parser implements Format.Parser {
        @Override public DatasetInfo parse(Path path) {
            Stack s = Stack.open(path);
            for (int z = 1; z < s.dir().slices().size(); z++) s.checkMatchesFirst(TiffFile.open(s.dir().slices().get(z)));
            return new DatasetInfo("tiff-slices", path, List.of(new LevelInfo(s.shape(), s.chunkShape(), s.meta)));
        }
    }

    /**
     * One chunk per slice file, opened and decoded on first access. A read of whole slices decodes the files not
     * cached straight into its array, in parallel, opening each file once.
     */
    public static final class Reader implements Format.Reader {
        @Override public Volume<?> read(Path path, int level) {
            if (level != 0) throw new UnsupportedFormatException(path, "a slice directory has one resolution level; asked for level " + level);
            Stack s = Stack.open(path);
            return ChunkedVolumes.lazySlices(s.shape(), s.meta, (grid, min, size) -> s.readSlice((int) min[2]), s::readSlices,
                    ChunkedVolumes.DEFAULT_CACHE_BYTES);
        }
    }

    /**
     * Writes one single-page TIFF per slice ({@code 00000.tif, ...}, 5 digits or more) into a temporary
     * directory renamed into place, so the whole directory is the atomic unit. Options as {@link TiffFormat.Writer}.
     */
    public static final class Writer implements Format.Writer {
        private final long bigTiffThreshold;

        public Writer() { this(TiffFormat.BIGTIFF_THRESHOLD); }

        Writer(long bigTiffThreshold) { this.bigTiffThreshold = bigTiffThreshold; }

        @Override public void write(Path path, List<? extends Volume<?>> levels, WriteOptions options) {
            TiffWriting w = TiffWriting.of(path, levels, options);
            boolean bigTiff = w.estimatedBytes(1) > bigTiffThreshold;
            Optional<VoxelSize> vs = w.volume().meta().voxelSizeUm();
            String description = ImageJMetadata.description(1, w.volume().meta());
            AtomicFiles.write(path, tmp -> {
                Files.createDirectory(tmp);
                ChunkedVolumes.forEachSlice(w.volume(), (z, slice) -> {
                    Path file = tmp.resolve(SliceDirectory.fileName(z, w.depth()));
                    try (TiffEncoder enc = new TiffEncoder(file, w.order(), bigTiff, w.compression(), w.rowsPerStrip())) {
                        enc.writePage(slice, w.dataType(), w.width(), w.height(), Optional.of(description), vs);
                    }
                });
            });
        }
    }

    /** The listed slices and what the first one says about all of them. */
    private record Stack(SliceDirectory dir, TiffFile first, ScanMetadata meta) {
        static Stack open(Path path) {
            SliceDirectory d = SliceDirectory.open(path);
            TiffFile first = TiffFile.open(d.slices().get(0));
            ScanMetadata meta = first.metadata("tiff-slices").withProvenance("source", path.toString())
                    .withProvenance("tiff.slices", d.slices().size() + " files from " + d.slices().get(0).getFileName());
            return new Stack(d, first, meta);
        }

        long[] shape() { return new long[] {first.width(), first.height(), dir.slices().size()}; }

        int[] chunkShape() { return new int[] {first.width(), first.height(), 1}; }

        Object readSlice(int z) {
            Object out = org.scrollwork.io.VoxelArrays.allocate(first.dataType(), first.width() * first.height());
            readSlices(z, z + 1, out, 0);
            return out;
        }

        /** Slices {@code [z0, z1)} into {@code out} from voxel {@code at}, in parallel (see {@link PageWorkers}); each file opened once and checked against the first. */
        void readSlices(int z0, int z1, Object out, int at) {
            int sliceVoxels = first.width() * first.height();
            PageWorkers.run(z0, z1, TiffFile.readThreads(), () -> new PageWorkers.Worker() {
                private final TiffDecoder decoder = new TiffDecoder(null, null, 0, null);

                @Override public void read(int z) {
                    TiffFile.readFirstPage(dir.slices().get(z), Stack.this::checkMatchesFirst, out, at + (z - z0) * sliceVoxels, decoder);
                }

                @Override public void close() { decoder.close(); }
            });
        }

        /** @throws FormatException naming the slice when its size or type differs from the first slice's */
        void checkMatchesFirst(TiffFile f) {
            if (f.width() != first.width() || f.height() != first.height() || f.dataType() != first.dataType()) {
                throw new FormatException(f.path(), "slice is " + f.width() + " x " + f.height() + " " + f.dataType().numpyName() + " but "
                        + first.path().getFileName() + " is " + first.width() + " x " + first.height() + " " + first.dataType().numpyName());
            }
        }
    }
}
