package org.scrollwork.io.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.stream.ImageInputStream;
import org.scrollwork.io.CorruptDataException;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.ScanAttributes;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.w3c.dom.Node;

/**
 * Grey single-image files (PNG, JPEG) read through {@code javax.imageio} as volumes of one slice ({@code z = 1}):
 * up to 8 bits per sample as uint8 (1-bit values kept as 0/1), 16 bits as uint16. Colour, palette and alpha images are
 * refused, and every warning of the decoder (a JPEG that ends early is decoded with a warning) is an error naming the file.
 */
final class GreyImages {

    /** Whether {@code path} is a regular file whose first bytes are {@code signature} (a format checker's test). */
    static boolean startsWith(Path path, byte[] signature) {
        if (!Files.isRegularFile(path)) return false;
        try (InputStream in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(signature.length), signature);
        } catch (IOException e) {
            return false;
        }
    }
    private GreyImages() {}

    /** What the header says: width, height, the data type the samples are read as, and the text entries. */
    record Header(long width, long height, DataType dataType, Map<String, String> text) {
        long[] shape() { return new long[] {width, height, 1}; }

        /** The metadata of the image at {@code file}: type, scan attributes from the text entries, source. */
        ScanMetadata meta(Path file, String formatName) { return GreyImages.meta(file, formatName, dataType, text); }
    }

    /** Width, height and sample type from the image header, without decoding pixels. */
    static Header header(Path file, String formatName) {
        return withReader(file, formatName, r -> {
            ImageTypeSpecifier type = r.getRawImageType(0);
            if (type == null) {
                Iterator<ImageTypeSpecifier> types = r.getImageTypes(0);
                type = types.hasNext() ? types.next() : null;
            }
            if (type == null) throw new FormatException(file, "the " + formatName + " decoder reports no image type");
            return new Header(r.getWidth(0), r.getHeight(0), dataType(file, type.getColorModel(), type.getSampleModel().getNumBands(),
                    type.getSampleModel().getSampleSize(0)), textEntries(r.getImageMetadata(0)));
        });
    }

    /**
     * The image's samples as a volume of shape {@code [width, height, 1]}. Before decoding (the decoder allocates the
     * whole image first), refuses a header claiming more pixels than one Java array holds, or than
     * {@code maxPixelsPerByte} per byte of the file (a bound of the format's best compression).
     */
    static Volume<?> read(Path file, String formatName, long maxPixelsPerByte) {
        Map<String, String> text = new LinkedHashMap<>();
        BufferedImage img = withReader(file, formatName, r -> {
            long w = r.getWidth(0);
            long h = r.getHeight(0);
            long size = Files.size(file);
            if (w * h > maxPixelsPerByte * size + (1 << 16)) {
                throw new CorruptDataException(file, -1, "the " + formatName + " header claims " + w + " x " + h
                        + " pixels, more than a file of " + size + " bytes can hold");
            }
            if (w < 1 || h < 1 || w * h > Integer.MAX_VALUE - 8) {
                throw new UnsupportedFormatException(file, "an image of " + w + " x " + h + " pixels; Scrollwork reads 1 to 2^31 - 9 pixels");
            }
            BufferedImage i = r.read(0);
            text.putAll(textEntries(r.getImageMetadata(0)));
            return i;
        });
        Raster raster = img.getRaster();
        DataType t = dataType(file, img.getColorModel(), raster.getNumBands(), raster.getSampleModel().getSampleSize(0));
        int w = img.getWidth();
        int h = img.getHeight();
        int[] row = new int[w];
        Object voxels = t == DataType.UINT8 ? new byte[w * h] : new short[w * h];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                if (t == DataType.UINT8) ((byte[]) voxels)[y * w + x] = (byte) row[x];
                else ((short[]) voxels)[y * w + x] = (short) row[x];
            }
        }
        return Volumes.wrap(voxels, new long[] {w, h, 1}, meta(file, formatName, t, text));
    }

    private static ScanMetadata meta(Path file, String formatName, DataType t, Map<String, String> text) {
        return ScanAttributes.apply(text, ScanMetadata.builder(t), file).provenance("source", file.toString()).provenance("format", formatName).build();
    }

    /** The keyword/value text entries of an image's metadata (PNG tEXt, iTXt, zTXt), in the standard ImageIO tree. */
    static Map<String, String> textEntries(IIOMetadata metadata) {
        Map<String, String> out = new LinkedHashMap<>();
        if (metadata == null || !metadata.isStandardMetadataFormatSupported()) return out;
        Node root = metadata.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!"Text".equals(n.getNodeName())) continue;
            for (Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
                Node k = e.getAttributes().getNamedItem("keyword");
                Node v = e.getAttributes().getNamedItem("value");
                if (k != null && v != null) out.put(k.getNodeValue(), v.getNodeValue());
            }
        }
        return out;
    }

    private static DataType dataType(Path file, ColorModel cm, int bands, int bits) {
        if (cm instanceof IndexColorModel icm && !isGreyRamp(icm, bits)) {
            throw new FormatException(file, "is a palette image; Scrollwork reads grey images (save it as 8- or 16-bit grey)");
        }
        if (bands != 1) {
            throw new FormatException(file, "has " + bands + " channels (colour or alpha); Scrollwork reads single-channel grey images");
        }
        if (bits <= 8) return DataType.UINT8;
        if (bits == 16) return DataType.UINT16;
        throw new FormatException(file, "has " + bits + "-bit samples; Scrollwork reads 1- to 8-bit and 16-bit grey images");
    }

    /** The palette ImageIO gives 1-, 2- and 4-bit grey PNGs: entry i is the grey i * 255 / (2^bits - 1); samples are kept as stored. */
    private static boolean isGreyRamp(IndexColorModel icm, int bits) {
        int n = 1 << bits;
        if (bits > 4 || icm.getMapSize() != n || icm.hasAlpha()) return false;
        for (int i = 0; i < n; i++) {
            int g = i * 255 / (n - 1);
            if ((icm.getRGB(i) & 0xffffff) != (g << 16 | g << 8 | g)) return false;
        }
        return true;
    }

    @FunctionalInterface
    private interface ReaderUse<R> {
        R apply(ImageReader reader) throws IOException;
    }

    private static <R> R withReader(Path file, String formatName, ReaderUse<R> use) {
        if (!Files.isRegularFile(file)) throw new FormatException(file, "no such file");
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName);
        if (!readers.hasNext()) throw new FormatException(file, "this Java has no " + formatName + " reader");
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in, true, false);
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            R result = use.apply(reader);
            if (!warnings.isEmpty()) throw new CorruptDataException(file, -1, "the " + formatName + " decoder warns: " + oneLine(String.join("; ", warnings)));
            return result;
        } catch (FormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptDataException(file, -1, "cannot decode " + formatName + ": " + oneLine(String.valueOf(e.getMessage())), e);
        } finally {
            reader.dispose();
        }
    }

    /** A decoder's message as one line: control characters (line ends included) as '?', cut to 200 characters. */
    static String oneLine(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) b.append(Character.isISOControl(s.charAt(i)) ? '?' : s.charAt(i));
        return s.length() > 200 ? b.append("...").toString() : b.toString();
    }
}
