package org.scrollwork.io.tiff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scrollwork.io.CorruptDataException;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.ScanAttributes;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.TruncatedFileException;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.VoxelArrays;
import org.scrollwork.io.VoxelSize;

/**
 * A parsed TIFF file: its header and every page's IFD, walked once and validated (one sample per
 * pixel, a supported sample type and compression, all pages of equal size and type, every strip or
 * tile inside the file). Holds no open file: {@link #readPage} opens the file for the duration of one
 * page, so a lazy volume built on it needs no closing.
 */
final class TiffFile {
    /** Decoded bytes one compressed byte may expand to, at most (deflate tops out near 1032:1, TIFF LZW near 1362:1). */
    private static final long MAX_EXPANSION = 1400;

    private final Path path;
    private final long fileLength;
    private final TiffHeader header;
    private final List<Ifd> pages;
    private final DataType dataType;

    private TiffFile(Path path, long fileLength, TiffHeader header, List<Ifd> pages, DataType dataType) {
        this.path = path;
        this.fileLength = fileLength;
        this.header = header;
        this.pages = pages;
        this.dataType = dataType;
    }

    /**
     * Walks the IFD chain of a file. Costs one small read per IFD (plus one per out-of-line tag value).
     *
     * @throws FormatException naming the file on a bad signature, an IFD loop, offsets beyond the file,
     *     unsupported sample layouts or pages that differ in size or type
     */
    static TiffFile open(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return parse(ch, path);
        } catch (NoSuchFileException e) {
            throw new FormatException(path, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
        }
    }

    /** {@link #open} on a file already open as {@code ch}. */
    private static TiffFile parse(FileChannel ch, Path path) throws IOException {
        long len = ch.size();
        TiffHeader h = TiffHeader.read(ch, path, len);
        IfdReader reader = new IfdReader(ch, path, len, h);
        List<Ifd> pages = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long next = h.firstIfdOffset();
        while (next != 0) {
            if (!seen.add(next)) {
                throw new CorruptDataException(path, next, "IFD chain loops back to byte " + next + " after " + pages.size() + " pages");
            }
            IfdReader.Parsed p = reader.read(next, pages.size());
            pages.add(p.ifd());
            next = p.nextOffset();
        }
        if (pages.isEmpty()) throw new FormatException(path, "TIFF file has no pages (first IFD offset is 0)");
        if (pages.size() == 1) pages = imageJContiguous(path, len, pages.get(0));
        DataType t = validate(path, len, pages);
        return new TiffFile(path, len, h, List.copyOf(pages), t);
    }

    /**
     * ImageJ (and tifffile with {@code truncate=True}) store stacks past 4 GiB with one IFD: the first
     * page's description says {@code images=N} and the N uncompressed pages follow each other from the
     * first strip on. Returns the N pages such a file holds, or the single page unchanged.
     */
    private static List<Ifd> imageJContiguous(Path path, long fileLength, Ifd first) {
        long n = ImageJMetadata.images(first.description());
        int bits = first.bitsPerSample();
        if (n <= 1 || first.compression() != TiffTags.COMPRESSION_NONE || first.tiled() || bits <= 0 || bits % 8 != 0) return List.of(first);
        long pageBytes = (long) first.width() * first.height() * (bits / 8);
        long start = first.dataOffsets()[0];
        if (start < 0 || n > (fileLength - start) / pageBytes) {
            throw new TruncatedFileException(path, n > Long.MAX_VALUE / pageBytes - start ? Long.MAX_VALUE : start + n * pageBytes, fileLength, "ImageJ stack of " + n + " contiguous pages from byte " + start);
        }
        List<Ifd> pages = new ArrayList<>((int) n);
        pages.add(first);
        for (long k = 1; k < n; k++) pages.add(first.withSingleStrip(start + k * pageBytes, pageBytes));
        return pages;
    }

    private static DataType validate(Path path, long fileLength, List<Ifd> pages) {
        Ifd first = pages.get(0);
        DataType t = dataType(path, first, 0);
        for (int i = 0; i < pages.size(); i++) {
            Ifd p = pages.get(i);
            String where = "page " + i;
            if (p.samplesPerPixel() != 1) {
                throw new UnsupportedFormatException(path, where + " has " + p.samplesPerPixel() + " samples per pixel; only single-channel (1) images are read");
            }
            DataType pt = dataType(path, p, i);
            if (p.width() != first.width() || p.height() != first.height() || pt != t) {
                throw new FormatException(path, where + " is " + p.width() + " x " + p.height() + " " + pt.numpyName()
                        + " but page 0 is " + first.width() + " x " + first.height() + " " + t.numpyName() + "; a stack needs equal pages");
            }
            int c = p.compression();
            if (c != TiffTags.COMPRESSION_NONE && c != TiffTags.COMPRESSION_LZW && c != TiffTags.COMPRESSION_ADOBE_DEFLATE && c != TiffTags.COMPRESSION_DEFLATE) {
                throw new UnsupportedFormatException(path, where + " uses compression " + c + "; supported are 1 (none), 5 (LZW), 8 and 32946 (deflate)");
            }
            if (p.predictor() != 1 && !(p.predictor() == 2 && !t.isFloatingPoint())) {
                throw new UnsupportedFormatException(path, where + " uses predictor " + p.predictor() + " on " + t.numpyName() + " samples; supported is 2 on integers");
            }
            if (p.planarConfiguration() != 1 && p.planarConfiguration() != 2) {
                throw new CorruptDataException(path, p.offset(), where + " has invalid PlanarConfiguration " + p.planarConfiguration());
            }
            checkBlocks(path, fileLength, p, i, t);
        }
        return t;
    }

    /** Every strip or tile lies in the file, and their byte counts can hold the page: no allocation can outgrow the file. */
    private static void checkBlocks(Path path, long fileLength, Ifd p, int page, DataType t) {
        long pageBytes = (long) p.width() * p.height() * t.bytesPerVoxel();
        if ((long) p.width() * p.height() > Integer.MAX_VALUE - 8) {
            throw new UnsupportedFormatException(path, "page " + page + " has " + p.width() + " x " + p.height() + " pixels, more than one Java array holds");
        }
        long blockBytes = p.tiled() ? (long) p.tileWidth() * p.tileLength() * t.bytesPerVoxel() : (long) p.rowsPerStrip() * p.width() * t.bytesPerVoxel();
        if (blockBytes > Integer.MAX_VALUE - 8) {
            throw new UnsupportedFormatException(path, "page " + page + " has strips or tiles of " + blockBytes + " bytes, more than one Java array holds");
        }
        if (p.byteCounts().isEmpty() && p.compression() != TiffTags.COMPRESSION_NONE) {
            throw new CorruptDataException(path, p.offset(), "page " + page + " is compressed but has no byte counts");
        }
        long n = p.blockCount();
        long total = 0;
        long[] counts = p.byteCounts().orElse(null);
        for (int i = 0; i < n; i++) {
            long off = p.dataOffsets()[i];
            long count = counts != null ? counts[i]
                    : p.tiled() ? blockBytes : Math.min(p.rowsPerStrip(), p.height() - (long) i * p.rowsPerStrip()) * p.width() * t.bytesPerVoxel();
            String what = (p.tiled() ? "tile " : "strip ") + i + " of page " + page;
            if (count < 0 || off < 0 || off > fileLength - count) {
                throw new TruncatedFileException(path, off < 0 || count < 0 ? Long.MAX_VALUE : off + count, fileLength, what + " at byte " + Long.toUnsignedString(off));
            }
            total += count;
        }
        long maxDecoded = p.compression() == TiffTags.COMPRESSION_NONE ? total : total * MAX_EXPANSION;
        if (maxDecoded < pageBytes) {
            throw new CorruptDataException(path, p.offset(), "page " + page + " needs " + pageBytes + " bytes of pixels but its byte counts add up to only "
                    + total + (p.compression() == TiffTags.COMPRESSION_NONE ? "" : " compressed"));
        }
    }

    private static DataType dataType(Path path, Ifd p, int page) {
        int bits = p.bitsPerSample();
        int f = p.sampleFormat();
        if (f == TiffTags.SAMPLE_FORMAT_UINT && bits == 8) return DataType.UINT8;
        if (f == TiffTags.SAMPLE_FORMAT_UINT && bits == 16) return DataType.UINT16;
        if (f == TiffTags.SAMPLE_FORMAT_INT && bits == 16) return DataType.INT16;
        if (f == TiffTags.SAMPLE_FORMAT_UINT && bits == 32) return DataType.UINT32;
        if (f == TiffTags.SAMPLE_FORMAT_FLOAT && bits == 32) return DataType.FLOAT32;
        if (f == TiffTags.SAMPLE_FORMAT_FLOAT && bits == 64) return DataType.FLOAT64;
        String kind = f == 1 ? "unsigned integer" : f == 2 ? "signed integer" : f == 3 ? "floating point" : "sample format " + f;
        throw new UnsupportedFormatException(path, "page " + page + " holds " + bits + "-bit " + kind
                + " samples; supported are uint8, uint16, int16, uint32, float32, float64");
    }

    Path path() { return path; }

    int pageCount() { return pages.size(); }

    int width() { return pages.get(0).width(); }

    int height() { return pages.get(0).height(); }

    DataType dataType() { return dataType; }

    /** The raw ImageDescription of the first page. */
    Optional<String> description() { return pages.get(0).description(); }

    /** Voxel size from the first page's ImageJ calibration or resolution tags; absent when the file has none. */
    Optional<VoxelSize> voxelSize() {
        Ifd p = pages.get(0);
        return ImageJMetadata.voxelSize(p.description(), p.xResolution(), p.yResolution(), p.resolutionUnit());
    }

    /** Metadata for a volume read from this file, with the raw description and layout kept as provenance. */
    ScanMetadata metadata(String formatName) {
        ScanMetadata.Builder b = ScanMetadata.builder(dataType).voxelSizeUm(voxelSize().orElse(null))
                .provenance("format", formatName)
                .provenance("source", path.toString())
                .provenance("tiff.layout", (header.bigTiff() ? "BigTIFF" : "classic TIFF") + ", "
                        + (header.order() == java.nio.ByteOrder.LITTLE_ENDIAN ? "little" : "big") + "-endian, compression "
                        + pages.get(0).compression() + ", " + (pages.get(0).tiled() ? "tiled" : "stripped"));
        description().ifPresent(d -> b.provenance("tiff.description", d));
        ScanAttributes.apply(ImageJMetadata.scanAttributes(description()), b, path);
        return b.build();
    }

    /** Decodes page {@code z}; opens the file for the duration of the call. */
    Object readPage(int z) {
        Object out = VoxelArrays.allocate(dataType, width() * height());
        readPages(z, z + 1, out, 0, 1);
        return out;
    }

    /**
     * Decodes pages {@code [z0, z1)} straight into {@code out} from voxel {@code at} on, on up to {@code threads}
     * threads (of the common fork-join pool, the caller's included; see {@link PageWorkers}): each thread opens the file
     * once and decodes the batches of pages it takes with one {@link TiffDecoder} (one inflater, buffers of one strip),
     * so memory beyond {@code out} is a few strips per thread.
     *
     * @throws FormatException (or a subtype) naming the file, the first a thread met, as thrown
     */
    void readPages(int z0, int z1, Object out, int at, int threads) {
        int pageVoxels = width() * height();
        PageWorkers.run(z0, z1, threads, () -> new PageWorkers.Worker() {
            private FileChannel ch;
            private TiffDecoder decoder;

            @Override public void read(int z) {
                try {
                    if (ch == null) {
                        ch = FileChannel.open(path, StandardOpenOption.READ);
                        decoder = new TiffDecoder(ch, path, Math.min(fileLength, ch.size()), header.order());
                    }
                } catch (NoSuchFileException e) {
                    throw new FormatException(path, "file disappeared while reading page " + z);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
                }
                decoder.decodeInto(pages.get(z), dataType, z, out, at + (z - z0) * pageVoxels);
            }

            @Override public void close() {
                if (decoder != null) decoder.close();
                try {
                    if (ch != null) ch.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not close " + path + ": " + e.getMessage(), e);
                }
            }
        });
    }

    /**
     * Opens, parses and checks ({@code check}) a single-page file, and decodes its page 0 into {@code out} from voxel
     * {@code at} on, with one open of the file; {@code decoder} (rebound to the file) keeps its buffers across calls.
     */
    static void readFirstPage(Path path, java.util.function.Consumer<TiffFile> check, Object out, int at, TiffDecoder decoder) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            TiffFile f = parse(ch, path);
            check.accept(f);
            decoder.on(ch, path, f.fileLength, f.header.order()).decodeInto(f.pages.get(0), f.dataType, 0, out, at);
        } catch (NoSuchFileException e) {
            throw new FormatException(path, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Threads a whole-slice read uses: the system property {@code scrollwork.tiff.readThreads} when set, else the common
     * fork-join pool's threads and the caller's.
     */
    static int readThreads() {
        return Math.max(1, Integer.getInteger("scrollwork.tiff.readThreads", java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1));
    }
}
