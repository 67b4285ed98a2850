package org.scrollwork.phantom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.Format;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.Formats;
import org.scrollwork.io.vesuvius.Segment;

/**
 * Writes a {@link Phantom} into a directory: every volume with a given {@link Format}'s writer, named
 * {@code <name><extension>} ({@code scan-4um-54keV.tif}, {@code inklabels-8um.ome.zarr}, ... with the
 * format's first extension; names as in {@link Phantom#volumes()}), then the {@link PhantomSegment} of the
 * recto as a Vesuvius Challenge segment folder {@value #SEGMENTS}{@code /<id>/} ({@code layers/00000.tif ...}
 * through the {@code tiff-slices} format, {@code <id>_inklabels.png} and {@code <id>_mask.png} through the
 * {@code png} format; {@link Segment} reads it), then the ground truth as
 * {@value #GROUND_TRUTH} (JSON), the config as {@value #CONFIG} (JSON) and the written text as
 * {@value #TEXT} (UTF-8, one line). Each file appears atomically (the format's writer guarantees it for
 * volumes; the rest goes through {@link AtomicFiles}), and so does the segment folder as a whole; existing
 * files and segment folders of the same names are replaced.
 */
public final class PhantomWriter {
    public static final String GROUND_TRUTH = "groundtruth.json";
    public static final String CONFIG = "phantom-config.json";
    public static final String TEXT = "text.txt";
    /** The folder holding the segment folders. */
    public static final String SEGMENTS = "segment";

    private PhantomWriter() {}

    /** The JSON mapper used for the ground truth and config (pretty-printed, stable field order). */
    public static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * Writes everything and returns the paths written: volumes first, then the segment's layers folder, ink
     * labels and mask (see {@link #writeSegment}), then the JSON files and the text.
     *
     * @throws org.scrollwork.io.UnsupportedFormatException if the format cannot store uint8 volumes
     * @throws UncheckedIOException naming the file that could not be written
     */
    public static List<Path> write(Phantom phantom, Path outDir, Format volumeFormat) {
        String ext = volumeFormat.extensions().isEmpty() ? "" : volumeFormat.extensions().get(0);
        List<Path> written = new ArrayList<>();
        Format.Writer writer = volumeFormat.createWriter();
        for (PhantomVolume v : phantom.volumes()) {
            Path path = outDir.resolve(v.name() + ext);
            writer.write(path, v.volume());
            written.add(path);
        }
        written.addAll(writeSegment(PhantomSegment.of(phantom), outDir.resolve(SEGMENTS)));
        ObjectMapper json = mapper();
        written.add(writeBytes(outDir.resolve(GROUND_TRUTH), toJson(json, phantom.groundTruth(), GROUND_TRUTH)));
        written.add(writeBytes(outDir.resolve(CONFIG), toJson(json, phantom.config(), CONFIG)));
        written.add(writeBytes(outDir.resolve(TEXT), (phantom.groundTruth().text() + "\n").getBytes(StandardCharsets.UTF_8)));
        return written;
    }

    /**
     * Writes a segment as the folder {@code segmentsDir/<id>/} in the Vesuvius Challenge layout: the surface volume
     * as {@code layers/} with the registered {@code tiff-slices} format (one TIFF per layer, {@code 00000.tif ...}),
     * the ink labels and mask as {@code <id>_inklabels.png} and {@code <id>_mask.png} with the {@code png} format.
     * The folder is filled under a temporary name and renamed into place, replacing an existing one.
     *
     * @return the layers folder, the ink labels and the mask
     * @throws FormatException when the {@code tiff-slices} or {@code png} format is not registered
     * @throws UncheckedIOException naming the folder that could not be written
     */
    public static List<Path> writeSegment(PhantomSegment segment, Path segmentsDir) {
        Format.Writer layers = registered("tiff-slices", segmentsDir).createWriter();
        Format.Writer png = registered("png", segmentsDir).createWriter();
        Path folder = segmentsDir.resolve(segment.id());
        AtomicFiles.write(folder, tmp -> {
            Files.createDirectory(tmp);
            layers.write(tmp.resolve(Segment.LAYERS), segment.surface());
            png.write(tmp.resolve(segment.inkLabelsFile()), segment.inkLabels());
            png.write(tmp.resolve(segment.maskFile()), segment.mask());
        });
        return List.of(folder.resolve(Segment.LAYERS), folder.resolve(segment.inkLabelsFile()), folder.resolve(segment.maskFile()));
    }

    private static Format registered(String name, Path where) {
        return Formats.byName(name).orElseThrow(() -> new FormatException(where, "no '" + name + "' format is registered to write a segment"));
    }

    private static byte[] toJson(ObjectMapper json, Object value, String file) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + ": could not serialize " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static Path writeBytes(Path path, byte[] bytes) {
        AtomicFiles.writeBytes(path, bytes);
        return path;
    }
}
