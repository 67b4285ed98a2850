package org.scrollwork.prior;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Many independent lacunary texts in one UTF-8 file of JSON lines (JSONL): each non-blank line is an object
 * {@code {"id": …, "text": "…"}} whose {@code text} is written as {@link LacunaText#parse} reads it; {@code id}
 * (a string or a number) is optional and handed back with the restoration; other fields are ignored. Blank lines are
 * skipped. The whole file is checked when read, so a bad line stops the run before any model is loaded.
 */
public final class LacunaFile {

    /** Files with this ending are read as JSON lines by the command line. */
    public static final String EXTENSION = ".jsonl";

    /**
     * One text of the file.
     *
     * @param line its 1-based line number
     * @param id the {@code id} field as given (a JSON string or number), or null when the line has none
     * @param text the parsed text
     */
    public record Entry(int line, JsonNode id, LacunaText text) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private LacunaFile() {}

    /** Whether a path names a JSON-lines file ({@value #EXTENSION}). */
    public static boolean isJsonLines(Path file) {
        return file.getFileName() != null && file.getFileName().toString().endsWith(EXTENSION);
    }

    /**
     * Reads and checks every line.
     *
     * @throws LacunaFileException naming the file (and line) when it is missing, not UTF-8, empty, or a line is not a
     *     JSON object with a string {@code text} holding at least one well-formed lacuna, or has an {@code id} that is
     *     neither a string nor a number
     */
    public static List<Entry> read(Path file) {
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new LacunaFileException(file, 0, "no such file", e);
        } catch (CharacterCodingException e) {
            throw new LacunaFileException(file, 0, "not valid UTF-8", e);
        } catch (IOException e) {
            throw new LacunaFileException(file, 0, "cannot read: " + e.getMessage(), e);
        }
        List<Entry> out = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            out.add(entry(file, i + 1, lines[i]));
        }
        if (out.isEmpty()) throw new LacunaFileException(file, 0, "no texts: expected one JSON object per line, {\"id\": …, \"text\": \"…\"}", null);
        return out;
    }

    private static Entry entry(Path file, int line, String s) {
        JsonNode n;
        try {
            n = JSON.readTree(s);
        } catch (JsonProcessingException e) {
            throw new LacunaFileException(file, line, "not JSON: " + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject()) throw new LacunaFileException(file, line, "expected a JSON object {\"id\": …, \"text\": \"…\"}", null);
        JsonNode text = n.get("text");
        if (text == null || !text.isTextual()) throw new LacunaFileException(file, line, "missing string field \"text\"", null);
        JsonNode id = n.get("id");
        if (id != null && !(id.isTextual() || id.isNumber())) throw new LacunaFileException(file, line, "\"id\" must be a string or a number", null);
        try {
            return new Entry(line, id, LacunaText.parse(text.asText()));
        } catch (IllegalArgumentException e) {
            throw new LacunaFileException(file, line, "text: " + e.getMessage(), e);
        }
    }
}
