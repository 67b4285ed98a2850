package org.scrollwork.io.tiff;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.WriteOptions;

/** What both TIFF writers decide from a volume and {@link WriteOptions} before writing a byte. */
record TiffWriting(Volume<?> volume, int width, int height, int depth, Compression compression, ByteOrder order, int rowsPerStrip) {

    /**
     * @throws UnsupportedFormatException for codecs TIFF does not offer here or slices too large for one page
     */
    static TiffWriting of(Path path, List<? extends Volume<?>> levels, WriteOptions options) {
        if (levels.isEmpty()) throw new IllegalArgumentException("nothing to write to " + path);
        Volume<?> v = levels.get(0);
        long[] s = v.shape();
        if (s[0] > Integer.MAX_VALUE || s[1] > Integer.MAX_VALUE || s[0] * s[1] > Integer.MAX_VALUE - 8 || s[2] > Integer.MAX_VALUE) {
            throw new UnsupportedFormatException(path, "a TIFF page holds at most 2^31 voxels; slices are " + s[0] + " x " + s[1]);
        }
        Compression c = options.compression().orElse(Compression.NONE);
        if (c != Compression.NONE && c != Compression.LZW && c != Compression.DEFLATE) {
            throw new UnsupportedFormatException(path, "TIFF stores compression none, lzw or deflate, not " + c.cliName());
        }
        int rps = options.chunkShape().map(cs -> cs[1]).orElse(0);
        return new TiffWriting(v, (int) s[0], (int) s[1], (int) s[2], c, options.byteOrder().orElse(ByteOrder.LITTLE_ENDIAN), rps);
    }

    DataType dataType() { return volume.dataType(); }

    /**
     * A generous bound on the bytes a file of {@code pages} slices will take: pixel data (times 1.5
     * when compressed, LZW's worst case) plus IFDs and the description.
     */
    long estimatedBytes(int pages) {
        long pageBytes = (long) width * height * dataType().bytesPerVoxel();
        long data = compression == Compression.NONE ? pageBytes : pageBytes + pageBytes / 2 + 1024;
        long strips = rowsPerStrip > 0 ? (height + rowsPerStrip - 1) / rowsPerStrip : 1;
        return 16 + pages * (data + 512 + strips * 16) + 4096;
    }
}
