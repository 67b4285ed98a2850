package org.scrollwork.io.image;

import java.nio.file.Path;
import java.util.List;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Format;
import org.scrollwork.io.LevelInfo;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.WriteOptions;

/**
 * A grey (single-component, 8-bit) JPEG as a uint8 volume of one slice, through {@code javax.imageio}. Read only:
 * JPEG is lossy, so Scrollwork never writes it (convert to PNG or TIFF instead).
 */
public final class JpegFormat implements Format {

    @Override public String name() { return "jpeg"; }

    @Override public List<String> extensions() { return List.of(".jpg", ".jpeg"); }

    @Override public boolean singleImage() { return true; }

    @Override public Format.Checker createChecker() { return new Checker(); }

    @Override public Format.Parser createParser() { return new Parser(); }

    @Override public Format.Reader createReader() { return new Reader(); }

    @Override public Format.Writer createWriter() { return new Writer(); }

    /** A regular file starting with a JPEG start-of-image marker followed by another marker ({@code FF D8 FF}). */
    public static final class Checker implements Format.Checker {
        private static final byte[] SOI = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

        @Override public boolean isFormat(Path path) { return GreyImages.startsWith(path, SOI); }
    }

    /** Width, height and sample type from the frame header. */
    public static final class Parser implements Format.Parser {
        @Override public DatasetInfo parse(Path path) {
            var h = GreyImages.header(path, "jpeg");
            ScanMetadata meta = h.meta(path, "jpeg");
            return new DatasetInfo("jpeg", path, List.of(new LevelInfo(h.shape(), new int[] {(int) h.width(), (int) h.height(), 1}, meta)));
        }
    }

    /**
     * At most this many pixels per byte of a JPEG: each 8 x 8 block of a Huffman-coded JPEG (the only kind
     * {@code javax.imageio} decodes) costs at least one bit, 512 pixels a byte; eight times that, to be safe.
     */
    static final long JPEG_PIXELS_PER_BYTE = 4096;

    /** Decodes the whole image; a decoder warning (data that ends early) is an error. */
    public static final class Reader implements Format.Reader {
        @Override public Volume<?> read(Path path, int level) {
            if (level != 0) throw new UnsupportedFormatException(path, "a JPEG has one resolution level; asked for level " + level);
            return GreyImages.read(path, "jpeg", JPEG_PIXELS_PER_BYTE);
        }
    }

    /** Refuses: JPEG would lose voxel values. */
    public static final class Writer implements Format.Writer {
        @Override public void write(Path path, List<? extends Volume<?>> levels, WriteOptions options) {
            throw new UnsupportedFormatException(path, "JPEG is lossy and Scrollwork does not write it; write .png, .tif or --format tiff-slices");
        }
    }
}
