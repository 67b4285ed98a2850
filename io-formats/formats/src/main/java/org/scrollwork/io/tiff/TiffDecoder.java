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
 * Decodes one page (all its strips or tiles) into a voxel array, x fastest. Reads each strip or tile
 * with one positional read, decompresses into a reused buffer and converts in bulk to the primitive
 * array; there are no per-voxel virtual calls. Not thread-safe: use one decoder per thread.
 */
final class TiffDecoder implements AutoCloseable {
    private final FileChannel ch;
    private final Path path;
    private final long fileLength;
    private final ByteOrder order;
    private byte[] compressed = new byte[0];
    private byte[] decoded = new byte[0];
    private Inflater inflater;

    TiffDecoder(FileChannel ch, Path path, long fileLength, ByteOrder order) {
        this.ch = ch;
        this.path = path;
        this.fileLength = fileLength;
        this.order = order;
    }

    /** Decodes page {@code page} (described by {@code ifd}, already validated by {@link TiffFile}) as voxels of type {@code t}. */
    Object decode(Ifd ifd, DataType t, int page) {
        int w = ifd.width();
        int h = ifd.height();
        int bpp = t.bytesPerVoxel();
        Object out = VoxelArrays.allocate(t, w * h);
        boolean predict = ifd.predictor() == 2;
        if (!ifd.tiled()) {
            int rps = ifd.rowsPerStrip();
            for (int s = 0, y0 = 0; y0 < h; s++, y0 += rps) {
                int rows = Math.min(rps, h - y0);
                int need = rows * w * bpp;
                byte[] raw = block(ifd, s, need, page, "strip");
                convert(raw, need, out, y0 * w, t);
                if (predict) HorizontalPredictor.undo(out, y0 * w, w, rows);
            }
            return out;
        }
        int tw = ifd.tileWidth();
        int th = ifd.tileLength();
        Object tile = VoxelArrays.allocate(t, tw * th);
        int across = (w + tw - 1) / tw;
        int need = tw * th * bpp;
        int down = (h + th - 1) / th;
        for (int ty = 0; ty < down; ty++) {
            for (int tx = 0; tx < across; tx++) {
                byte[] raw = block(ifd, ty * across + tx, need, page, "tile");
                convert(raw, need, tile, 0, t);
                if (predict) HorizontalPredictor.undo(tile, 0, tw, th);
                int x0 = tx * tw;
                int y0 = ty * th;
                int cols = Math.min(tw, w - x0);
                int rows = Math.min(th, h - y0);
                for (int r = 0; r < rows; r++) System.arraycopy(tile, r * tw, out, (y0 + r) * w + x0, cols);
            }
        }
        return out;
    }

    /** The decoded bytes of strip or tile {@code i}: exactly {@code need} of them at the start of the returned buffer. */
    private byte[] block(Ifd ifd, int i, int need, int page, String kind) {
        long offset = ifd.dataOffsets()[i];
        long count = ifd.byteCounts().map(c -> c[i]).orElse((long) need);
        String what = kind + " " + i + " of page " + page;
        if (ifd.compression() == TiffTags.COMPRESSION_NONE) {
            if (count < need) {
                throw new CorruptDataException(path, offset, what + ": byte count " + count + " is smaller than the " + need + " bytes the strip geometry needs");
            }
            ChannelReads.requireInFile(path, fileLength, offset, need, what);
            byte[] dst = decodedBuffer(need);
            ChannelReads.readFully(ch, path, offset, ByteBuffer.wrap(dst, 0, need), what);
            return dst;
        }
        ChannelReads.requireInFile(path, fileLength, offset, count, what);
        if (compressed.length < count) compressed = new byte[(int) count];
        ChannelReads.readFully(ch, path, offset, ByteBuffer.wrap(compressed, 0, (int) count), what);
        byte[] dst = decodedBuffer(need);
        int got;
        try {
            got = ifd.compression() == TiffTags.COMPRESSION_LZW
                    ? LzwCodec.decode(compressed, 0, (int) count, dst, need)
                    : inflate(compressed, (int) count, dst, need);
        } catch (DataFormatException e) {
            throw new CorruptDataException(path, offset, what + ": " + (ifd.compression() == TiffTags.COMPRESSION_LZW ? "LZW" : "deflate")
                    + " data does not decode: " + e.getMessage(), e);
        }
        if (got < need) {
            throw new CorruptDataException(path, offset, what + " decodes to " + got + " bytes but the geometry needs " + need);
        }
        return dst;
    }

    private byte[] decodedBuffer(int need) {
        if (decoded.length < need) decoded = new byte[need];
        return decoded;
    }

    private int inflate(byte[] src, int len, byte[] dst, int need) throws DataFormatException {
        if (inflater == null) inflater = new Inflater();
        Inflater inf = inflater;
        inf.reset();
        inf.setInput(src, 0, len);
        int got = 0;
        while (got < need) {
            int n = inf.inflate(dst, got, need - got);
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
