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
import org.scrollwork.io.InsideRoot;

/** Reading and writing the small JSON documents of a Zarr store, with a size bound and typed errors. */
final class ZarrJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Metadata documents larger than this are rejected before they are read. */
    static final long MAX_BYTES = 4L << 20;

    private ZarrJson() {}

    /**
     * Reads a JSON object.
     *
     * @param store the root of the store {@code file} belongs to: a file resolving outside it is not opened
     * @throws FormatException naming the file if it is missing, too large, not JSON or not an object, or outside the store
     */
    static JsonNode read(Path store, Path file) {
        InsideRoot.check(store, file);
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
            throw new FormatException(file, "malformed JSON" + where(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a JSON object stored under {@code key}, or empty when the store holds none.
     *
     * @throws FormatException naming the key ({@link ZarrStore#path}) if it is too large, not JSON or not an object
     */
    static java.util.Optional<JsonNode> read(ZarrStore store, String key) {
        return store.read(key, MAX_BYTES).map(bytes -> parse(bytes, store.path(key)));
    }

    /** Parses a metadata document's bytes; {@code file} names it in errors. */
    static JsonNode parse(byte[] bytes, Path file) {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            if (n == null || !n.isObject()) throw new FormatException(file, "not a JSON object");
            return n;
        } catch (JsonProcessingException e) {
            throw new FormatException(file, "malformed JSON" + where(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not parse " + file + ": " + e.getMessage(), e);
        }
    }

    /** Where the parser stopped, without echoing the file's bytes (it may not be JSON at all). */
    private static String where(JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation l = e.getLocation();
        return l == null ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    static void write(Path file, JsonNode node) throws IOException {
        Files.write(file, MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
    }
}
