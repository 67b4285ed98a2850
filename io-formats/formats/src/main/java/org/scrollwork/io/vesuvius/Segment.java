package org.scrollwork.io.vesuvius;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.InsideRoot;
import org.scrollwork.io.Formats;
import org.scrollwork.io.Volume;
import org.scrollwork.io.image.PngFormat;

/**
 * A Vesuvius Challenge segment folder read as one aligned set: the surface volume {@code layers/00.tif ...},
 * and when present {@code <id>_inklabels.png} and {@code <id>_mask.png} (8-bit or 1-bit gray, read as
 * uint8 with z = 1, values kept as stored: 0/255 or 0/1). All parts share the surface's x/y size.
 *
 * @param id the segment id (the folder's name)
 */
public record Segment(String id, Volume<?> surface, Optional<Volume<?>> inkLabels, Optional<Volume<?>> mask) {
    /** The surface volume's folder inside a segment. */
    public static final String LAYERS = "layers";

    /**
     * Where a segment's parts are: its id (the folder's name), its {@code layers} folder, and the label images that exist.
     */
    public record Parts(String id, Path layers, Optional<Path> inkLabels, Optional<Path> mask) {}

    /** Whether {@code folder} is laid out as a segment (it has a {@code layers} folder). */
    public static boolean isSegment(Path folder) { return Files.isDirectory(folder.resolve(LAYERS)); }

    /**
     * The parts of a segment folder, without reading them.
     *
     * @throws FormatException naming the folder when it has no {@code layers} folder
     */
    public static Parts parts(Path folder) {
        String id = folder.toAbsolutePath().normalize().getFileName().toString();
        Path layers = folder.resolve(LAYERS);
        if (!Files.isDirectory(layers)) throw new FormatException(folder, "segment has no 'layers' directory");
        return new Parts(id, layers, existing(folder.resolve(id + "_inklabels.png")), existing(folder.resolve(id + "_mask.png")));
    }

    private static Optional<Path> existing(Path f) { return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty(); }

    /** Reads a surface volume from a segment's {@code layers} directory. */
    @FunctionalInterface
    public interface SurfaceReader {
        Volume<?> read(Path layers);
    }

    /** Reads a segment with the registered {@code tiff-slices} format for its layers. */
    public static Segment read(Path folder) {
        return read(folder, layers -> Formats.byName("tiff-slices")
                .orElseThrow(() -> new FormatException(layers, "no 'tiff-slices' format is registered to read segment layers"))
                .createReader().read(layers));
    }

    /**
     * Reads a segment whose layers {@code surfaceReader} opens.
     *
     * @throws FormatException naming the files when the layers are missing or the parts' x/y sizes differ
     */
    public static Segment read(Path folder, SurfaceReader surfaceReader) {
        Parts parts = parts(folder);
        String id = parts.id();
        Path layers = parts.layers();
        InsideRoot.check(folder, layers);
        Volume<?> surface = surfaceReader.read(layers);
        Optional<Volume<?>> ink = png(InsideRoot.check(folder, folder.resolve(id + "_inklabels.png")));
        Optional<Volume<?>> mask = png(InsideRoot.check(folder, folder.resolve(id + "_mask.png")));
        check(layers, surface, folder.resolve(id + "_inklabels.png"), ink);
        check(layers, surface, folder.resolve(id + "_mask.png"), mask);
        return new Segment(id, surface, ink, mask);
    }

    private static void check(Path layers, Volume<?> surface, Path file, Optional<Volume<?>> part) {
        if (part.isEmpty()) return;
        long[] s = surface.shape();
        long[] p = part.get().shape();
        if (s[0] != p[0] || s[1] != p[1]) {
            throw new FormatException(file, "is " + p[0] + " x " + p[1] + " but the surface volume " + layers + " is " + s[0] + " x " + s[1]);
        }
    }

    /** A gray PNG (8-bit or 1-bit, read by {@link PngFormat}) as a uint8 volume with z = 1; absent when the file does not exist. */
    static Optional<Volume<?>> png(Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        Volume<?> v = new PngFormat().createReader().read(file);
        if (v.dataType() != DataType.UINT8) {
            throw new FormatException(file, "expected an 8-bit or 1-bit gray image, got " + v.dataType().numpyName() + " samples");
        }
        return Optional.of(v);
    }
}
