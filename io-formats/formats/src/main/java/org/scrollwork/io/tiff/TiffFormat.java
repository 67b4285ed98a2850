package org.scrollwork.io.tiff;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Format;
import org.scrollwork.io.LevelInfo;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/**
 * A multi-page TIFF file as a z-stack: page {@code i} is slice {@code z = i}. Reads classic TIFF and
 * BigTIFF in either byte order; 8/16/32-bit integer and 32/64-bit float single-channel pages, in strips
 * or tiles, uncompressed, LZW (with horizontal predictor) or deflate. Calibration follows ImageJ's
 * hyperstack convention (see {@link ImageJMetadata}), so Fiji opens written files calibrated.
 */
public final class TiffFormat implements Format {
    /** Files whose estimated size passes this are written as BigTIFF (a margin below classic TIFF's 4 GiB). */
    static final long BIGTIFF_THRESHOLD = TiffEncoder.CLASSIC_LIMIT - (64L << 20);

    @Override public String name() { return "tiff"; }

    @Override public List<String> extensions() { return List.of(".tif", ".tiff"); }

    @Override public Format.Checker createChecker() { return new Checker(); }

    @Override public Format.Parser createParser() { return new Parser(); }

    @Override public Format.Reader createReader() { return new Reader(); }

    @Override public Format.Writer createWriter() { return new Writer(BIGTIFF_THRESHOLD); }

    /** A regular file starting with {@code II*\0}, {@code MM\0*} or their BigTIFF forms. */
    public static final class Checker implements Format.Checker {
        @Override public boolean isFormat(Path path) {
            if (!Files.isRegularFile(path)) return false;
            try (var in = Files.newInputStream(path)) {
                byte[] b = in.readNBytes(4);
                return TiffHeader.hasMagic(b, b.length);
            } catch (java.io.IOException e) {
                return false;
            }
        }
    }

    /** Walks the IFD chain once; reads no pixel data. */
    public static final class Parser implements Format.Parser {
        @Override public DatasetInfo parse(Path path) {
            TiffFile f = TiffFile.open(path);
            return new DatasetInfo("tiff", path, List.of(new LevelInfo(
                    new long[] {f.width(), f.height(), f.pageCount()}, new int[] {f.width(), f.height(), 1}, f.metadata("tiff"))));
        }
    }

    /**
     * Opens the stack lazily: one chunk per page, decoded on first access and kept in a bounded cache
     * ({@link ChunkedVolumes#DEFAULT_CACHE_BYTES}). Opening walks the IFD chain; reading a voxel costs at
     * most one page decode. A read of whole slices (a full copy, a slab) decodes the pages not cached straight into
     * its array, runs of pages in parallel with one file open per run, past the cache.
     */
    public static final class Reader implements Format.Reader {
        private final long cacheBytes;
        private final IntConsumer pageDecoded;

        public Reader() { this(ChunkedVolumes.DEFAULT_CACHE_BYTES, z -> { }); }

        /** A reader with its own cache size that reports every page it decodes (for tests of laziness). */
        Reader(long cacheBytes, IntConsumer pageDecoded) {
            this.cacheBytes = cacheBytes;
            this.pageDecoded = pageDecoded;
        }

        @Override public Volume<?> read(Path path, int level) {
            if (level != 0) throw new UnsupportedFormatException(path, "a TIFF stack has one resolution level; asked for level " + level);
            TiffFile f = TiffFile.open(path);
            return ChunkedVolumes.lazySlices(new long[] {f.width(), f.height(), f.pageCount()}, f.metadata("tiff"), (grid, min, size) -> {
                pageDecoded.accept((int) min[2]);
                return f.readPage((int) min[2]);
            }, (z0, z1, out, at) -> {
                for (int z = z0; z < z1; z++) pageDecoded.accept(z);
                f.readPages(z0, z1, out, at, TiffFile.readThreads());
            }, cacheBytes);
        }
    }

    /**
     * Streams the finest level slice by slice (read a slab of chunks at a time, see {@link ChunkedVolumes#forEachSlice}) into a temporary file
     * renamed into place. Options: compression NONE (default), LZW or DEFLATE; byte order (default
     * little-endian); {@code chunkShape[1]} as rows per strip (default: one strip per page).
     * BigTIFF is chosen when the file could pass 4 GiB.
     */
    public static final class Writer implements Format.Writer {
        private final long bigTiffThreshold;

        public Writer() { this(BIGTIFF_THRESHOLD); }

        Writer(long bigTiffThreshold) { this.bigTiffThreshold = bigTiffThreshold; }

        @Override public void write(Path path, List<? extends Volume<?>> levels, WriteOptions options) {
            TiffWriting w = TiffWriting.of(path, levels, options);
            boolean bigTiff = w.estimatedBytes(w.depth()) > bigTiffThreshold;
            Optional<VoxelSize> vs = w.volume().meta().voxelSizeUm();
            AtomicFiles.write(path, tmp -> {
                try (TiffEncoder enc = new TiffEncoder(tmp, w.order(), bigTiff, w.compression(), w.rowsPerStrip())) {
                    ChunkedVolumes.forEachSlice(w.volume(), (z, slice) -> enc.writePage(slice, w.dataType(), w.width(), w.height(),
                            z == 0 ? Optional.of(ImageJMetadata.description(w.depth(), w.volume().meta())) : Optional.empty(), vs));
                }
            });
        }
    }
}
