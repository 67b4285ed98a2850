package org.scrollwork.io.tiff;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.scrollwork.io.CorruptDataException;
import org.scrollwork.io.FormatException;

/**
 * Reads IFDs of one open file. Every count and offset is checked against the file's length before
 * anything is allocated, so a lying header gives a {@link FormatException}, never an out-of-memory error.
 */
final class IfdReader {
    /** One IFD and the offset of the next (0 at the end of the chain). */
    record Parsed(Ifd ifd, long nextOffset) {}

    private final FileChannel ch;
    private final Path path;
    private final long fileLength;
    private final TiffHeader h;

    IfdReader(FileChannel ch, Path path, long fileLength, TiffHeader header) {
        this.ch = ch;
        this.path = path;
        this.fileLength = fileLength;
        this.h = header;
    }

    /** Bytes read at once around an IFD, so that its entries and the values stored after it cost one read, not one each. */
    private static final int WINDOW = 4096;
    private ByteBuffer window;
    private long windowAt = -1;

    /**
     * {@code length} bytes at {@code offset} (checked against the file's length first), served from a window of up to
     * {@link #WINDOW} bytes read at the first offset it did not cover; longer spans are read on their own.
     */
    private ByteBuffer bytes(long offset, long length, java.nio.ByteOrder order, String what) {
        ChannelReads.requireInFile(path, fileLength, offset, length, what);
        if (length > WINDOW) return ChannelReads.read(ch, path, fileLength, offset, length, order, what);
        if (window == null || offset < windowAt || offset + length > windowAt + window.limit()) {
            window = ChannelReads.read(ch, path, fileLength, offset, Math.min(WINDOW, fileLength - offset), order, what);
            windowAt = offset;
        }
        return window.slice((int) (offset - windowAt), (int) length).order(order);
    }

    /** Reads the IFD of page {@code page} at {@code offset}. */
    Parsed read(long offset, int page) {
        String where = "IFD of page " + page;
        ByteBuffer countBuf = bytes(offset, h.countSize(), h.order(), where);
        long count = h.bigTiff() ? countBuf.getLong() : Short.toUnsignedInt(countBuf.getShort());
        if (count < 0 || count > (fileLength / h.entrySize())) {
            throw new CorruptDataException(path, offset, where + " claims " + Long.toUnsignedString(count) + " entries, more than the file can hold");
        }
        long entriesAt = offset + h.countSize();
        long len = count * h.entrySize() + h.offsetSize();
        ByteBuffer b = bytes(entriesAt, len, h.order(), where);
        Fields f = new Fields();
        for (int i = 0; i < count; i++) {
            int at = i * h.entrySize();
            int tag = Short.toUnsignedInt(b.getShort(at));
            int type = Short.toUnsignedInt(b.getShort(at + 2));
            long n = h.bigTiff() ? b.getLong(at + 4) : Integer.toUnsignedLong(b.getInt(at + 4));
            int valueAt = at + (h.bigTiff() ? 12 : 8);
            f.accept(tag, type, n, b, valueAt, entriesAt + valueAt, page);
        }
        long next = h.bigTiff() ? b.getLong((int) (count * h.entrySize())) : Integer.toUnsignedLong(b.getInt((int) (count * h.entrySize())));
        return new Parsed(f.build(offset, page), next);
    }

    /** Values of one entry: inline when they fit in the value field, else at the offset stored there. */
    private ByteBuffer values(int type, long n, ByteBuffer entries, int valueAt, long valueFilePos, int page, int tag) {
        int size = TiffTags.typeSize(type);
        if (n < 0 || n > fileLength / Math.max(1, size)) {
            throw new CorruptDataException(path, valueFilePos, "tag " + tag + " of page " + page + " claims " + Long.toUnsignedString(n) + " values, more than the file holds");
        }
        long bytes = n * size;
        if (bytes <= h.offsetSize()) {
            ByteBuffer v = entries.duplicate().order(h.order());
            v.position(valueAt).limit(valueAt + (int) bytes);
            return v.slice().order(h.order());
        }
        long at = h.bigTiff() ? entries.getLong(valueAt) : Integer.toUnsignedLong(entries.getInt(valueAt));
        return bytes(at, bytes, h.order(), "values of tag " + tag + " of page " + page);
    }

    private static long[] integers(int type, long n, ByteBuffer v) {
        long[] out = new long[(int) n];
        for (int i = 0; i < n; i++) {
            switch (type) {
                case 1: case 7: out[i] = Byte.toUnsignedLong(v.get()); break;
                case 6: out[i] = v.get(); break;
                case 3: out[i] = Short.toUnsignedLong(v.getShort()); break;
                case 8: out[i] = v.getShort(); break;
                case 4: case 13: out[i] = Integer.toUnsignedLong(v.getInt()); break;
                case 9: out[i] = v.getInt(); break;
                case 16: case 17: case 18: out[i] = v.getLong(); break;
                default: return null;
            }
        }
        return out;
    }

    /** Collects the tags Scrollwork needs from one IFD. */
    private final class Fields {
        long width = -1;
        long height = -1;
        long bps = 1;
        long sampleFormat = 1;
        long spp = 1;
        long compression = 1;
        long predictor = 1;
        long planar = 1;
        long rowsPerStrip = -1;
        long tileWidth;
        long tileLength;
        long[] stripOffsets;
        long[] stripCounts;
        long[] tileOffsets;
        long[] tileCounts;
        String description;
        double xRes = Double.NaN;
        double yRes = Double.NaN;
        int resUnit;

        void accept(int tag, int type, long n, ByteBuffer entries, int valueAt, long filePos, int page) {
            if (TiffTags.typeSize(type) == 0 || n == 0) return; // unknown field types are skipped, as the specification asks
            switch (tag) {
                case TiffTags.IMAGE_DESCRIPTION:
                    if (type == TiffTags.TYPE_ASCII) description = ascii(values(type, n, entries, valueAt, filePos, page, tag));
                    return;
                case TiffTags.X_RESOLUTION: case TiffTags.Y_RESOLUTION:
                    if (type == TiffTags.TYPE_RATIONAL) {
                        ByteBuffer v = values(type, 1, entries, valueAt, filePos, page, tag);
                        double r = (double) Integer.toUnsignedLong(v.getInt()) / Integer.toUnsignedLong(v.getInt());
                        if (tag == TiffTags.X_RESOLUTION) xRes = r;
                        else yRes = r;
                    }
                    return;
                default:
                    break;
            }
            if (!isInteresting(tag)) return;
            long[] v = integers(type, n, values(type, n, entries, valueAt, filePos, page, tag));
            if (v == null) throw new CorruptDataException(path, filePos, "tag " + tag + " of page " + page + " has non-integer type " + type);
            switch (tag) {
                case TiffTags.IMAGE_WIDTH: width = v[0]; break;
                case TiffTags.IMAGE_LENGTH: height = v[0]; break;
                case TiffTags.BITS_PER_SAMPLE: bps = v[0]; break;
                case TiffTags.SAMPLE_FORMAT: sampleFormat = v[0]; break;
                case TiffTags.SAMPLES_PER_PIXEL: spp = v[0]; break;
                case TiffTags.COMPRESSION: compression = v[0]; break;
                case TiffTags.PREDICTOR: predictor = v[0]; break;
                case TiffTags.PLANAR_CONFIGURATION: planar = v[0]; break;
                case TiffTags.ROWS_PER_STRIP: rowsPerStrip = v[0]; break;
                case TiffTags.TILE_WIDTH: tileWidth = v[0]; break;
                case TiffTags.TILE_LENGTH: tileLength = v[0]; break;
                case TiffTags.STRIP_OFFSETS: stripOffsets = v; break;
                case TiffTags.STRIP_BYTE_COUNTS: stripCounts = v; break;
                case TiffTags.TILE_OFFSETS: tileOffsets = v; break;
                case TiffTags.TILE_BYTE_COUNTS: tileCounts = v; break;
                case TiffTags.RESOLUTION_UNIT: resUnit = (int) Math.min(Integer.MAX_VALUE, Math.max(0, v[0])); break;
                default: throw new AssertionError(tag);
            }
        }

        private boolean isInteresting(int tag) {
            switch (tag) {
                case TiffTags.IMAGE_WIDTH: case TiffTags.IMAGE_LENGTH: case TiffTags.BITS_PER_SAMPLE: case TiffTags.SAMPLE_FORMAT:
                case TiffTags.SAMPLES_PER_PIXEL: case TiffTags.COMPRESSION: case TiffTags.PREDICTOR: case TiffTags.PLANAR_CONFIGURATION:
                case TiffTags.ROWS_PER_STRIP: case TiffTags.TILE_WIDTH: case TiffTags.TILE_LENGTH: case TiffTags.STRIP_OFFSETS:
                case TiffTags.STRIP_BYTE_COUNTS: case TiffTags.TILE_OFFSETS: case TiffTags.TILE_BYTE_COUNTS: case TiffTags.RESOLUTION_UNIT:
                    return true;
                default:
                    return false;
            }
        }

        Ifd build(long offset, int page) {
            String p = "page " + page + " (IFD at byte " + offset + ")";
            if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
                throw new CorruptDataException(path, offset, p + " has no valid ImageWidth/ImageLength (" + width + " x " + height + ")");
            }
            boolean tiled = tileOffsets != null || tileWidth > 0 || tileLength > 0;
            long[] offsets = tiled ? tileOffsets : stripOffsets;
            long[] counts = tiled ? tileCounts : stripCounts;
            if (offsets == null) throw new CorruptDataException(path, offset, p + " has no " + (tiled ? "TileOffsets" : "StripOffsets"));
            if (tiled && (tileWidth <= 0 || tileLength <= 0 || tileWidth > 1 << 16 || tileLength > 1 << 16)) {
                throw new CorruptDataException(path, offset, p + " has invalid tile size " + tileWidth + " x " + tileLength);
            }
            long rps = rowsPerStrip <= 0 || rowsPerStrip > height ? height : rowsPerStrip;
            Ifd ifd = new Ifd(offset, (int) width, (int) height, clip(bps), clip(sampleFormat), clip(spp), clip(compression), clip(predictor),
                    clip(planar), (int) rps, (int) tileWidth, (int) tileLength, offsets, Optional.ofNullable(counts),
                    Optional.ofNullable(description), xRes, yRes, resUnit);
            if (offsets.length < ifd.blockCount() || (counts != null && counts.length < ifd.blockCount())) {
                throw new CorruptDataException(path, offset, p + " needs " + ifd.blockCount() + (tiled ? " tiles" : " strips")
                        + " but lists " + offsets.length + " offsets and " + (counts == null ? 0 : counts.length) + " byte counts");
            }
            return ifd;
        }

        private int clip(long v) { return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)); }

        private String ascii(ByteBuffer v) {
            byte[] bytes = new byte[v.remaining()];
            v.get(bytes);
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) end++;
            return new String(bytes, 0, end, StandardCharsets.UTF_8);
        }
    }
}
