package org.scrollwork.io.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.scrollwork.io.CorruptDataException;
import org.scrollwork.io.DataType;
import org.scrollwork.io.VoxelArrays;

/**
 * Decodes one page (all its strips or tiles) into a voxel array, x fastest. Reads each run of adjacent strips
 * with positional reads of at most {@link #READ_PIECE} bytes; uint8 strips are read, inflated or LZW-decoded
 * straight into the target array, other types through one reused buffer with a bulk conversion; there are no
 * per-voxel virtual calls. One decoder (its buffers, its {@link Inflater}) serves many pages and, through
 * {@link #on}, many files. Not thread-safe: use one decoder per thread.
 */
final class TiffDecoder implements AutoCloseable {
    /** Largest single read: a heap read goes through a temporary direct buffer of its size, which this keeps in the cache. */
    private static final int READ_PIECE = 1 << 20;

    private FileChannel ch;
    private Path path;
    private long fileLength;
    private ByteOrder order;
    private byte[] compressed = new byte[0];
    private byte[] decoded = new byte[0];
    private final int[] lzwTable = new int[LzwCodec.TABLE_INTS];
    private Inflater inflater;

    TiffDecoder(FileChannel ch, Path path, long fileLength, ByteOrder order) {
        on(ch, path, fileLength, order);
    }

    /** Points this decoder at another open file, keeping its buffers and inflater. */
    TiffDecoder on(FileChannel ch, Path path, long fileLength, ByteOrder order) {
        this.ch = ch;
        this.path = path;
        this.fileLength = fileLength;
        this.order = order;
        return this;
    }

    /** Decodes page {@code page} (described by {@code ifd}, already validated by {@link TiffFile}) as voxels of type {@code t}. */
    Object decode(Ifd ifd, DataType t, int page) {
        Object out = VoxelArrays.allocate(t, ifd.width() * ifd.height());
        decodeInto(ifd, t, page, out, 0);
        return out;
    }

    /** Decodes page {@code page} into {@code out} from voxel {@code at} on ({@code width * height} voxels, x fastest). */
    void decodeInto(Ifd ifd, DataType t, int page, Object out, int at) {
        int w = ifd.width();
        int h = ifd.height();
        int bpp = t.bytesPerVoxel();
        boolean predict = ifd.predictor() == 2;
        if (!ifd.tiled()) {
            int rps = ifd.rowsPerStrip();
            int strips = (h + rps - 1) / rps;
            for (int s = 0; s < strips; ) {
                int y0 = s * rps;
                if (ifd.compression() == TiffTags.COMPRESSION_NONE) {
                    // a run of strips that follow each other in the file is one read
                    int e = s + 1;
                    while (e < strips && adjacent(ifd, e - 1, Math.min(rps, h - (e - 1) * rps) * w * bpp)) e++;
                    int rows = Math.min(e * rps, h) - y0;
                    checkRawCount(ifd, e - 1, Math.min(rps, h - (e - 1) * rps) * w * bpp, page, "strip");
                    readRaw(ifd, s, rows * w * bpp, page, "strip", t, out, at + y0 * w);
                    if (predict) HorizontalPredictor.undo(out, at + y0 * w, w, rows);
                    s = e;
                } else {
                    int rows = Math.min(rps, h - y0);
                    decompressInto(ifd, s, rows * w * bpp, page, "strip", t, out, at + y0 * w);
                    if (predict) HorizontalPredictor.undo(out, at + y0 * w, w, rows);
                    s++;
                }
            }
            return;
        }
        int tw = ifd.tileWidth();
        int th = ifd.tileLength();
        Object tile = VoxelArrays.allocate(t, tw * th);
        int across = (w + tw - 1) / tw;
        int need = tw * th * bpp;
        int down = (h + th - 1) / th;
        for (int ty = 0; ty < down; ty++) {
            for (int tx = 0; tx < across; tx++) {
                int i = ty * across + tx;
                if (ifd.compression() == TiffTags.COMPRESSION_NONE) {
                    checkRawCount(ifd, i, need, page, "tile");
                    readRaw(ifd, i, need, page, "tile", t, tile, 0);
                } else decompressInto(ifd, i, need, page, "tile", t, tile, 0);
                if (predict) HorizontalPredictor.undo(tile, 0, tw, th);
                int x0 = tx * tw;
                int y0 = ty * th;
                int cols = Math.min(tw, w - x0);
                int rows = Math.min(th, h - y0);
                for (int r = 0; r < rows; r++) System.arraycopy(tile, r * tw, out, at + (y0 + r) * w + x0, cols);
            }
        }
    }

    /** Whether strip {@code i} holds exactly its {@code need} bytes and strip {@code i + 1} starts right after them. */
    private static boolean adjacent(Ifd ifd, int i, long need) {
        long[] off = ifd.dataOffsets();
        long count = ifd.byteCounts().map(c -> c[i]).orElse(need);
        return count == need && off[i] + need == off[i + 1];
    }

    /** Reads {@code need} uncompressed bytes from the start of block {@code i} on and converts them into {@code out} at voxel {@code at}. */
    private void readRaw(Ifd ifd, int i, int need, int page, String kind, DataType t, Object out, int at) {
        long offset = ifd.dataOffsets()[i];
        String what = kind + " " + i + " of page " + page;
        ChannelReads.requireInFile(path, fileLength, offset, need, what);
        int bpp = t.bytesPerVoxel();
        if (t == DataType.UINT8) {
            byte[] dst = (byte[]) out;
            for (int done = 0; done < need; ) {
                int n = Math.min(READ_PIECE, need - done);
                ChannelReads.readFully(ch, path, offset + done, ByteBuffer.wrap(dst, at + done, n), what);
                done += n;
            }
            return;
        }
        int piece = READ_PIECE - READ_PIECE % bpp;
        byte[] buf = decodedBuffer(Math.min(piece, need));
        for (int done = 0; done < need; ) {
            int n = Math.min(piece, need - done);
            ChannelReads.readFully(ch, path, offset + done, ByteBuffer.wrap(buf, 0, n), what);
            convert(buf, n, out, at + done / bpp, t);
            done += n;
        }
    }

    /** Fails unless uncompressed block {@code i}'s byte count (when the file gives one) covers the {@code need} bytes its geometry needs. */
    private void checkRawCount(Ifd ifd, int i, int need, int page, String kind) {
        long count = ifd.byteCounts().map(c -> c[i]).orElse((long) need);
        if (count < need) {
            throw new CorruptDataException(path, ifd.dataOffsets()[i], kind + " " + i + " of page " + page + ": byte count " + count
                    + " is smaller than the " + need + " bytes the strip geometry needs");
        }
    }

    /** Decompresses block {@code i} into exactly {@code need} bytes and converts them into {@code out} at voxel {@code at}. */
    private void decompressInto(Ifd ifd, int i, int need, int page, String kind, DataType t, Object out, int at) {
        long offset = ifd.dataOffsets()[i];
        long count = ifd.byteCounts().map(c -> c[i]).orElse((long) need);
        String what = kind + " " + i + " of page " + page;
        ChannelReads.requireInFile(path, fileLength, offset, count, what);
        if (compressed.length < count) compressed = new byte[(int) count];
        ChannelReads.readFully(ch, path, offset, ByteBuffer.wrap(compressed, 0, (int) count), what);
        boolean direct = t == DataType.UINT8;
        byte[] dst = direct ? (byte[]) out : decodedBuffer(need);
        int dstAt = direct ? at : 0;
        int got;
        try {
            got = ifd.compression() == TiffTags.COMPRESSION_LZW
                    ? LzwCodec.decode(compressed, 0, (int) count, dst, dstAt, need, lzwTable)
                    : inflate(compressed, (int) count, dst, dstAt, need);
        } catch (DataFormatException e) {
            throw new CorruptDataException(path, offset, what + ": " + (ifd.compression() == TiffTags.COMPRESSION_LZW ? "LZW" : "deflate")
                    + " data does not decode: " + e.getMessage(), e);
        }
        if (got < need) {
            throw new CorruptDataException(path, offset, what + " decodes to " + got + " bytes but the geometry needs " + need);
        }
        if (!direct) convert(dst, need, out, at, t);
    }

    private byte[] decodedBuffer(int need) {
        if (decoded.length < need) decoded = new byte[need];
        return decoded;
    }

    private int inflate(byte[] src, int len, byte[] dst, int at, int need) throws DataFormatException {
        if (inflater == null) inflater = new Inflater();
        Inflater inf = inflater;
        inf.reset();
        inf.setInput(src, 0, len);
        int got = 0;
        while (got < need) {
            int n = inf.inflate(dst, at + got, need - got);
            if (n == 0 && (inf.finished() || inf.needsInput() || inf.needsDictionary())) break;
            got += n;
        }
        return got;
    }

    /** Frees the inflater's native memory. */
    @Override public void close() {
        if (inflater != null) inflater.end();
    }

    /** Bulk conversion of {@code need} bytes in file order into {@code out} starting at voxel {@code at}. */
    private void convert(byte[] raw, int need, Object out, int at, DataType t) {
        ByteBuffer b = ByteBuffer.wrap(raw, 0, need).order(order);
        int n = need / t.bytesPerVoxel();
        switch (t) {
            case UINT8: System.arraycopy(raw, 0, out, at, n); break;
            case UINT16: case INT16: b.asShortBuffer().get((short[]) out, at, n); break;
            case UINT32: b.asIntBuffer().get((int[]) out, at, n); break;
            case FLOAT32: b.asFloatBuffer().get((float[]) out, at, n); break;
            case FLOAT64: b.asDoubleBuffer().get((double[]) out, at, n); break;
            default: throw new AssertionError(t);
        }
    }
}
