package org.scrollwork.io.zarr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.scrollwork.io.FormatException;

/** Reading and writing the small JSON documents of a Zarr store, with a size bound and typed errors. */
final class ZarrJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Metadata documents larger than this are rejected before they are read. */
    static final long MAX_BYTES = 4L << 20;

    private ZarrJson() {}

    /**
     * Reads a JSON object.
     *
     * @throws FormatException naming the file if it is missing, too large, not JSON or not an object
     */
    static JsonNode read(Path file) {
        try {
            if (!Files.isRegularFile(file)) throw new FormatException(file, "missing");
            long size = Files.size(file);
            if (size > MAX_BYTES) throw new FormatException(file, "metadata document of " + size + " bytes is larger than " + MAX_BYTES);
            JsonNode n = MAPPER.readTree(Files.readAllBytes(file));
            if (n == null || !n.isObject()) throw new FormatException(file, "not a JSON object");
            return n;
        } catch (NoSuchFileException e) {
            throw new FormatException(file, "missing", e);
        } catch (JsonProcessingException e) {
            throw new FormatException(file, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(Path file, JsonNode node) throws IOException {
        Files.write(file, MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
    }
}
