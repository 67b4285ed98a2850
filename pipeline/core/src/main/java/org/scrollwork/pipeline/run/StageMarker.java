package org.scrollwork.pipeline.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A finished stage's marker, {@code stages/NAME.json}: the stage, when it finished ({@link java.time.Instant} text), its
 * {@link StageResult} and how long it ran. On disk the result's fields sit between {@code finished} and {@code seconds}:
 * <pre>{"stage": "train", "finished": "...", "snapshot": "train/model.aunn", ..., "seconds": 213.8}</pre>
 * and a stage that did not apply has {@code "skipped": "why"} instead, and no {@code seconds}.
 *
 * @param seconds null for a skipped stage
 */
public record StageMarker(String stage, String finished, StageResult result, Double seconds) {
    private static final List<String> OWN = List.of("stage", "finished", "seconds");

    /** The stage's result as the given record, empty when the stage was skipped (or is another stage). */
    public <R extends StageResult> Optional<R> result(Class<R> type) { return type.isInstance(result) ? Optional.of(type.cast(result)) : Optional.empty(); }

    /** Whether the stage did not apply to the run. */
    public boolean skipped() { return result instanceof StageResult.Skipped; }

    /** The marker's JSON, as written to its file. */
    public ObjectNode toJson() {
        ObjectNode n = RunDirectory.JSON.createObjectNode();
        n.put("stage", stage);
        n.put("finished", finished);
        try {
            // through the bytes, so that the tree is the one a reader of the file gets (e.g. Infinity as the string "Infinity")
            n.setAll((ObjectNode) RunDirectory.JSON.readTree(RunDirectory.JSON.writeValueAsBytes(result)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + stage + " stage's marker: " + e.getMessage(), e);
        }
        if (seconds != null) n.put("seconds", seconds);
        return n;
    }

    /**
     * Reads a marker into the stage's result record.
     *
     * @param type the record of the stage's result
     * @param file the marker's file, for the message
     * @throws IllegalStateException naming the file when it does not hold such a marker (e.g. written by another version)
     */
    static StageMarker fromJson(JsonNode n, Class<? extends StageResult> type, Path file) {
        if (!n.isObject()) throw unreadable(file, type, "not a JSON object", null);
        String stage = n.path("stage").asText(null);
        String finished = n.path("finished").asText(null);
        ObjectNode fields = ((ObjectNode) n).deepCopy();
        fields.remove(OWN);
        try {
            if (fields.has("skipped")) return new StageMarker(stage, finished, RunDirectory.JSON.treeToValue(fields, StageResult.Skipped.class), null);
            JsonNode s = n.get("seconds");
            return new StageMarker(stage, finished, RunDirectory.JSON.treeToValue(fields, type), s == null || s.isNull() ? null : s.asDouble());
        } catch (JsonProcessingException e) {
            throw unreadable(file, type, e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw unreadable(file, type, e.getMessage(), e);
        }
    }

    private static IllegalStateException unreadable(Path file, Class<?> type, String why, Exception cause) {
        return new IllegalStateException("stage marker " + file + " does not hold a " + type.getSimpleName() + " as this version writes it (" + why
                + "); it was written by another version of scrollwork: delete it to run the stage again, or use a new run directory", cause);
    }
}
