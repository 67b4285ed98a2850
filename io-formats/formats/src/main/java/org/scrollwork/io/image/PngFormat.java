package org.scrollwork.io.image;

import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
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
import org.scrollwork.io.CorruptDataException;
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
            checkChunks(path, false);
            GreyImages.Header h = GreyImages.header(path, "png");
            ScanMetadata meta = h.meta(path, "png");
            return new DatasetInfo("png", path, List.of(new LevelInfo(h.shape(), new int[] {(int) h.width(), (int) h.height(), 1}, meta)));
        }
    }

    /** Decodes the whole image (a PNG is one compressed stream). */
    public static final class Reader implements Format.Reader {
        @Override public Volume<?> read(Path path, int level) {
            if (level != 0) throw new UnsupportedFormatException(path, "a PNG has one resolution level; asked for level " + level);
            checkChunks(path, true);
            return GreyImages.read(path, "png", 8 * MAX_INFLATE_RATIO); // 1-bit pixels at deflate's best
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

    /** The most bytes deflate can inflate one compressed byte to (258-byte matches of two 1-bit codes). */
    static final long MAX_INFLATE_RATIO = 1032;

    /**
     * Walks the chunks before the decoder sees them, which it does not do itself: it trusts chunk lengths (a tEXt
     * claiming 1 GiB is allocated), ignores CRCs (a flipped bit in IHDR's width reads as another image) and allocates
     * what IHDR claims before decoding (30000 x 30000 pixels in 100 bytes). Checks: the signature; each chunk's length
     * within the file; the CRC of IHDR and of every chunk before the first IDAT (those the parser reads), of every
     * chunk when {@code allCrcs} (the reader, which reads them all anyway); IHDR first, width and height in
     * 1..2^31-1, and no more pixels than fit one Java array nor than the IDAT data can inflate to; the file ending with
     * IEND.
     */
    static void checkChunks(Path path, boolean allCrcs) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < MAGIC.length + IEND.length) throw new TruncatedFileException(path, MAGIC.length + IEND.length, size, "a PNG");
            ByteBuffer head = ByteBuffer.allocate(MAGIC.length);
            readFully(ch, head, 0);
            if (!Arrays.equals(head.array(), MAGIC)) throw new FormatException(path, "not a PNG (no PNG signature)");
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            CRC32 crc = new CRC32();
            long pos = MAGIC.length;
            long idatBytes = 0;
            byte[] ihdr = null;
            boolean seenIdat = false;
            while (true) {
                if (pos + 12 > size) throw new TruncatedFileException(path, pos + 12, size, "a PNG chunk at byte " + pos + " (no IEND chunk)");
                ByteBuffer lt = ByteBuffer.allocate(8);
                readFully(ch, lt, pos);
                long length = lt.getInt(0) & 0xffffffffL;
                String type = chunkType(lt.array());
                if (length > Integer.MAX_VALUE) throw new CorruptDataException(path, pos, "chunk " + type + " claims " + length + " bytes, over the 2^31 - 1 a PNG chunk may hold");
                if (pos + 12 + length > size) throw new TruncatedFileException(path, pos + 12 + length, size, "chunk " + type + " of " + length + " bytes at byte " + pos);
                if (ihdr == null && (!type.equals("IHDR") || length != 13)) {
                    throw new CorruptDataException(path, pos, "the first chunk is " + type + " of " + length + " bytes, not IHDR of 13");
                }
                boolean isIdat = type.equals("IDAT");
                if (type.equals("IHDR") || allCrcs || !(seenIdat || isIdat)) {
                    crc.reset();
                    crc.update(lt.array(), 4, 4);
                    long left = length;
                    long at = pos + 8;
                    while (left > 0) {
                        buf.clear().limit((int) Math.min(buf.capacity(), left));
                        readFully(ch, buf, at);
                        if (ihdr == null) ihdr = Arrays.copyOf(buf.array(), 13);
                        crc.update(buf.array(), 0, buf.limit());
                        at += buf.limit();
                        left -= buf.limit();
                    }
                    ByteBuffer stored = ByteBuffer.allocate(4);
                    readFully(ch, stored, at);
                    if ((stored.getInt(0) & 0xffffffffL) != crc.getValue()) {
                        throw new CorruptDataException(path, pos, "chunk " + type + " of " + length + " bytes fails its CRC check");
                    }
                }
                if (isIdat) {
                    seenIdat = true;
                    idatBytes += length;
                }
                pos += 12 + length;
                if (type.equals("IEND")) break;
            }
            if (pos != size) throw new FormatException(path, "truncated or corrupt PNG: " + (size - pos) + " bytes follow its IEND chunk");
            checkSize(path, ByteBuffer.wrap(ihdr), idatBytes);
        } catch (IOException e) {
            throw new FormatException(path, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Refuses, before the decoder allocates them, pixels that cannot be: out of range, or more than the IDAT data holds. */
    private static void checkSize(Path path, ByteBuffer ihdr, long idatBytes) {
        long width = ihdr.getInt(0) & 0xffffffffL;
        long height = ihdr.getInt(4) & 0xffffffffL;
        if (width < 1 || width > Integer.MAX_VALUE || height < 1 || height > Integer.MAX_VALUE) {
            throw new CorruptDataException(path, MAGIC.length + 8, "IHDR claims " + width + " x " + height + " pixels; each must be 1 to 2^31 - 1");
        }
        int bitDepth = ihdr.get(8) & 0xff;
        int channels = switch (ihdr.get(9)) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
        // the inflated data holds at least the pixels' bytes (plus a filter byte per row, more when interlaced)
        double pixelBytes = Math.ceil(width * bitDepth * channels / 8.0) * height;
        if (pixelBytes > MAX_INFLATE_RATIO * idatBytes + 1024) {
            throw new CorruptDataException(path, MAGIC.length + 8, "IHDR claims " + width + " x " + height + " pixels of " + bitDepth * channels
                    + " bits, more than its " + idatBytes + " bytes of IDAT data can inflate to");
        }
        if (width * height > Integer.MAX_VALUE - 8) {
            throw new UnsupportedFormatException(path, "an image of " + width + " x " + height + " pixels; Scrollwork reads a PNG of up to 2^31 - 9 pixels");
        }
    }

    /** A chunk's type as text, or in hex when it is not four ASCII letters. */
    private static String chunkType(byte[] lengthAndType) {
        StringBuilder b = new StringBuilder();
        for (int i = 4; i < 8; i++) {
            int c = lengthAndType[i] & 0xff;
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return String.format("0x%02x%02x%02x%02x", lengthAndType[4], lengthAndType[5], lengthAndType[6], lengthAndType[7]);
            }
            b.append((char) c);
        }
        return b.toString();
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) throw new EOFException("the file ends at byte " + (at + b.position()));
        }
    }
}
