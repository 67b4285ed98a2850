package org.scrollwork.phantom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.Format;

/**
 * Writes a {@link Phantom} into a directory: every volume with a given {@link Format}'s writer, named
 * {@code <name><extension>} ({@code scan-4um-54keV.tif}, {@code inklabels-8um.ome.zarr}, ... with the
 * format's first extension; names as in {@link Phantom#volumes()}), then the ground truth as
 * {@value #GROUND_TRUTH} (JSON), the config as {@value #CONFIG} (JSON) and the written text as
 * {@value #TEXT} (UTF-8, one line). Each file appears atomically (the format's writer guarantees it for
 * volumes; the rest goes through {@link AtomicFiles}); existing files of the same names are replaced.
 */
public final class PhantomWriter {
    public static final String GROUND_TRUTH = "groundtruth.json";
    public static final String CONFIG = "phantom-config.json";
    public static final String TEXT = "text.txt";

    private PhantomWriter() {}

    /** The JSON mapper used for the ground truth and config (pretty-printed, stable field order). */
    public static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * Writes everything and returns the paths written, volumes first.
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
        ObjectMapper json = mapper();
        written.add(writeBytes(outDir.resolve(GROUND_TRUTH), toJson(json, phantom.groundTruth(), GROUND_TRUTH)));
        written.add(writeBytes(outDir.resolve(CONFIG), toJson(json, phantom.config(), CONFIG)));
        written.add(writeBytes(outDir.resolve(TEXT), (phantom.groundTruth().text() + "\n").getBytes(StandardCharsets.UTF_8)));
        return written;
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
