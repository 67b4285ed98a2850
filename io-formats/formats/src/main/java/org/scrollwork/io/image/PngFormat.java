package org.scrollwork.io.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.RealType;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.DataType;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Format;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.LevelInfo;
import org.scrollwork.io.ScanAttributes;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.TruncatedFileException;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.WriteOptions;

/**
 * A grey PNG (1-, 2-, 4-, 8- or 16-bit) as a volume of one slice, through {@code javax.imageio}: how single slices are
 * shared and how Vesuvius segments ship {@code *_inklabels.png} and {@code *_mask.png}. Writes uint8 and uint16 volumes
 * of one slice; scroll id, scan id and beam energy travel as tEXt entries ({@link ScanAttributes}); the voxel size is not kept.
 */
public final class PngFormat implements Format {
    static final byte[] MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Every PNG ends with an empty IEND chunk: length 0, type, CRC. */
    static final byte[] IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    @Override public String name() { return "png"; }

    @Override public List<String> extensions() { return List.of(".png"); }

    @Override public boolean singleImage() { return true; }

    @Override public Format.Checker createChecker() { return new Checker(); }

    @Override public Format.Parser createParser() { return new Parser(); }

    @Override public Format.Reader createReader() { return new Reader(); }

    @Override public Format.Writer createWriter() { return new Writer(); }

    /** A regular file starting with the PNG signature. */
    public static final class Checker implements Format.Checker {
        @Override public boolean isFormat(Path path) { return GreyImages.startsWith(path, MAGIC); }
    }

    /** The header's width, height and bit depth. */
    public static final class Parser implements Format.Parser {
        @Override public DatasetInfo parse(Path path) {
            checkComplete(path);
            GreyImages.Header h = GreyImages.header(path, "png");
            ScanMetadata meta = h.meta(path, "png");
            return new DatasetInfo("png", path, List.of(new LevelInfo(h.shape(), new int[] {(int) h.width(), (int) h.height(), 1}, meta)));
        }
    }

    /** Decodes the whole image (a PNG is one compressed stream). */
    public static final class Reader implements Format.Reader {
        @Override public Volume<?> read(Path path, int level) {
            if (level != 0) throw new UnsupportedFormatException(path, "a PNG has one resolution level; asked for level " + level);
            checkComplete(path);
            return GreyImages.read(path, "png");
        }
    }

    /** A uint8 or uint16 volume of one slice as an 8- or 16-bit grey PNG, written to a temporary file renamed into place. */
    public static final class Writer implements Format.Writer {
        @Override public void write(Path path, List<? extends Volume<?>> levels, WriteOptions options) {
            Volume<?> v = levels.get(0);
            long[] s = v.shape();
            if (s[2] != 1) throw new UnsupportedFormatException(path, "a PNG holds one slice; this volume has " + s[2] + " (write tiff or tiff-slices)");
            if (v.dataType() != DataType.UINT8 && v.dataType() != DataType.UINT16) {
                throw new UnsupportedFormatException(path, "PNG stores uint8 or uint16 grey; this volume holds " + v.dataType().numpyName());
            }
            int w = Math.toIntExact(s[0]);
            int h = Math.toIntExact(s[1]);
            BufferedImage img = new BufferedImage(w, h, v.dataType() == DataType.UINT8 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY);
            RandomAccess<? extends RealType<?>> ra = access(v);
            long[] min = v.image().minAsLongArray();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    ra.setPosition(new long[] {min[0] + x, min[1] + y, min[2]});
                    img.getRaster().setSample(x, y, 0, (int) ra.get().getRealDouble());
                }
            }
            AtomicFiles.write(path, tmp -> writePng(tmp, img, ScanAttributes.of(v.meta())));
        }

        /** Writes the image with the scan attributes as tEXt entries (through the standard ImageIO metadata tree). */
        private static void writePng(Path file, BufferedImage img, Map<String, String> text) throws IOException {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                writer.setOutput(out);
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
                if (!text.isEmpty()) {
                    IIOMetadataNode root = new IIOMetadataNode(IIOMetadataFormatImpl.standardMetadataFormatName);
                    IIOMetadataNode entries = new IIOMetadataNode("Text");
                    text.forEach((k, val) -> {
                        IIOMetadataNode e = new IIOMetadataNode("TextEntry");
                        e.setAttribute("keyword", k);
                        e.setAttribute("value", val);
                        e.setAttribute("encoding", "ISO-8859-1");
                        e.setAttribute("language", "");
                        e.setAttribute("compression", "none");
                        entries.appendChild(e);
                    });
                    root.appendChild(entries);
                    meta.mergeTree(IIOMetadataFormatImpl.standardMetadataFormatName, root);
                }
                writer.write(new IIOImage(img, null, meta));
            } finally {
                writer.dispose();
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static RandomAccess<? extends RealType<?>> access(Volume<?> v) { return (RandomAccess) v.image().randomAccess(); }
    }

    /** A PNG must end with its IEND chunk; the decoder stops after the image data and would not notice a cut tail. */
    static void checkComplete(Path path) {
        try {
            long size = Files.size(path);
            if (size < MAGIC.length + IEND.length) throw new TruncatedFileException(path, MAGIC.length + IEND.length, size, "a PNG");
            byte[] tail = new byte[IEND.length];
            try (var ch = Files.newByteChannel(path)) {
                ch.position(size - IEND.length);
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(tail);
                while (b.hasRemaining() && ch.read(b) >= 0) { /* fill */ }
            }
            if (!Arrays.equals(tail, IEND)) throw new FormatException(path, "truncated or corrupt PNG: it does not end with an IEND chunk");
        } catch (IOException e) {
            throw new FormatException(path, "cannot read: " + e.getMessage(), e);
        }
    }
}
