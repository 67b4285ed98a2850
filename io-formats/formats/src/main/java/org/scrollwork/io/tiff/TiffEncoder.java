package org.scrollwork.io.tiff;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.Deflater;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.VoxelArrays;
import org.scrollwork.io.VoxelSize;

/**
 * Writes a TIFF file page by page: each page's strips, then its IFD, then the previous IFD's next
 * pointer is patched to it. Memory holds one page at a time, so stacks larger than the heap stream
 * through. Single-channel, one sample format per file, ImageJ calibration tags on every page.
 */
final class TiffEncoder implements Closeable {
    /** Classic TIFF offsets are unsigned 32-bit. */
    static final long CLASSIC_LIMIT = 0xFFFF_FFFFL;

    private final Path path;
    private final FileChannel ch;
    private final ByteOrder order;
    private final boolean bigTiff;
    private final Compression compression;
    private final int rowsPerStrip;
    private long position;
    private long nextPointerAt;

    /**
     * Creates {@code path} (which must not exist) and writes the header.
     *
     * @param rowsPerStrip rows per strip; values below 1 or above a page's height mean one strip per page
     * @throws UnsupportedFormatException for codecs other than NONE, LZW and DEFLATE
     */
    TiffEncoder(Path path, ByteOrder order, boolean bigTiff, Compression compression, int rowsPerStrip) throws IOException {
        if (compression != Compression.NONE && compression != Compression.LZW && compression != Compression.DEFLATE) {
            throw new UnsupportedFormatException(path, "TIFF stores compression none, lzw or deflate, not " + compression.cliName());
        }
        this.path = path;
        this.order = order;
        this.bigTiff = bigTiff;
        this.compression = compression;
        this.rowsPerStrip = rowsPerStrip;
        this.ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ByteBuffer h = ByteBuffer.allocate(bigTiff ? 16 : 8).order(order);
        byte mark = (byte) (order == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M');
        h.put(mark).put(mark);
        if (bigTiff) h.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(0);
        else h.putShort((short) 42).putInt(0);
        nextPointerAt = bigTiff ? 8 : 4;
        write(h.flip());
    }

    /**
     * Appends one page.
     *
     * @param voxels a voxel array of {@code width * height} voxels, x fastest
     * @param description ImageDescription to store (only the first page needs one)
     */
    void writePage(Object voxels, DataType t, int width, int height, Optional<String> description, Optional<VoxelSize> voxelSize) throws IOException {
        byte[] raw = VoxelArrays.encode(t, voxels, order);
        int rps = rowsPerStrip < 1 || rowsPerStrip > height ? height : rowsPerStrip;
        int strips = (height + rps - 1) / rps;
        long[] offsets = new long[strips];
        long[] counts = new long[strips];
        int rowBytes = width * t.bytesPerVoxel();
        for (int s = 0; s < strips; s++) {
            int from = s * rps * rowBytes;
            int to = Math.min(height, (s + 1) * rps) * rowBytes;
            byte[] data = encodeStrip(raw, from, to);
            offsets[s] = position;
            counts[s] = data.length;
            write(ByteBuffer.wrap(data));
        }
        if ((position & 1) != 0) write(ByteBuffer.allocate(1));
        IfdBuilder ifd = new IfdBuilder(bigTiff, order)
                .longValue(TiffTags.IMAGE_WIDTH, width)
                .longValue(TiffTags.IMAGE_LENGTH, height)
                .shorts(TiffTags.BITS_PER_SAMPLE, t.bytesPerVoxel() * 8)
                .shorts(TiffTags.COMPRESSION, compressionCode())
                .shorts(TiffTags.PHOTOMETRIC, 1)
                .offsets(TiffTags.STRIP_OFFSETS, offsets)
                .shorts(TiffTags.SAMPLES_PER_PIXEL, 1)
                .longValue(TiffTags.ROWS_PER_STRIP, rps)
                .offsets(TiffTags.STRIP_BYTE_COUNTS, counts)
                .shorts(TiffTags.PLANAR_CONFIGURATION, 1)
                .shorts(TiffTags.SAMPLE_FORMAT, t.isFloatingPoint() ? TiffTags.SAMPLE_FORMAT_FLOAT
                        : t.isSigned() ? TiffTags.SAMPLE_FORMAT_INT : TiffTags.SAMPLE_FORMAT_UINT);
        description.ifPresent(d -> ifd.ascii(TiffTags.IMAGE_DESCRIPTION, d));
        voxelSize.ifPresent(v -> ifd.rational(TiffTags.X_RESOLUTION, ImageJMetadata.rational(1 / v.xUm()))
                .rational(TiffTags.Y_RESOLUTION, ImageJMetadata.rational(1 / v.yUm()))
                .shorts(TiffTags.RESOLUTION_UNIT, TiffTags.RESOLUTION_UNIT_NONE));
        long at = position;
        ByteBuffer pointer = ByteBuffer.allocate(bigTiff ? 8 : 4).order(order);
        if (bigTiff) pointer.putLong(at);
        else pointer.putInt((int) at);
        writeAt(pointer.flip(), nextPointerAt);
        nextPointerAt = at + ifd.nextPointerPosition();
        write(ifd.encode(at));
    }

    private int compressionCode() {
        switch (compression) {
            case NONE: return TiffTags.COMPRESSION_NONE;
            case LZW: return TiffTags.COMPRESSION_LZW;
            default: return TiffTags.COMPRESSION_ADOBE_DEFLATE;
        }
    }

    private byte[] encodeStrip(byte[] raw, int from, int to) {
        switch (compression) {
            case NONE: return from == 0 && to == raw.length ? raw : Arrays.copyOfRange(raw, from, to);
            case LZW: return LzwCodec.encode(from == 0 ? raw : Arrays.copyOfRange(raw, from, to), to - from);
            default: {
                Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION);
                try {
                    d.setInput(raw, from, to - from);
                    d.finish();
                    ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) / 2 + 64);
                    byte[] buf = new byte[1 << 16];
                    while (!d.finished()) out.write(buf, 0, d.deflate(buf));
                    return out.toByteArray();
                } finally {
                    d.end();
                }
            }
        }
    }

    private void write(ByteBuffer b) throws IOException {
        long end = position + b.remaining();
        if (!bigTiff && end > CLASSIC_LIMIT) {
            throw new UnsupportedFormatException(path, "classic TIFF offsets end at 4 GiB; this file needs BigTIFF");
        }
        while (b.hasRemaining()) position += ch.write(b, position);
    }

    private void writeAt(ByteBuffer b, long at) throws IOException {
        long p = at;
        while (b.hasRemaining()) p += ch.write(b, p);
    }

    @Override public void close() throws IOException { ch.close(); }
}
