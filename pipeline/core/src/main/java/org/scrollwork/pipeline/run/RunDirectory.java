package org.scrollwork.pipeline.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import org.scrollwork.files.AtomicFiles;

/**
 * The files of a pipeline run directory besides the stages' own outputs: the resolved config ({@value #CONFIG}), the
 * log ({@value #LOG}, appended by every invocation), one metrics line per finished stage ({@value #METRICS}) and a
 * marker per finished stage ({@code stages/NAME.json}: what it wrote and measured). A stage is finished exactly when its
 * marker exists; markers are written atomically after the stage's outputs.
 */
public final class RunDirectory {
    public static final String CONFIG = "run-config.json";
    public static final String LOG = "run.log";
    public static final String METRICS = "metrics.jsonl";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE = new ObjectMapper();

    private final Path dir;

    public RunDirectory(Path dir) { this.dir = dir; }

    public Path path() { return dir; }

    public Path resolve(String other) { return dir.resolve(other); }

    /** The corpus of the ingest stage. */
    public Path corpus() { return dir.resolve("corpus"); }

    /** The training run (snapshots, its metrics, the distilled snapshot). */
    public Path train() { return dir.resolve("train"); }

    /** Volume and text renders. */
    public Path renders() { return dir.resolve("renders"); }

    /** The report directory ({@code report.html}). */
    public Path report() { return dir.resolve("report"); }

    /**
     * Writes {@code config} as the run's config, or checks it against the one already there.
     *
     * @throws IllegalArgumentException naming the file and the first field that differs
     */
    public void bindConfig(RunConfig config) {
        Path f = dir.resolve(CONFIG);
        try {
            Files.createDirectories(dir);
            JsonNode want = JSON.readTree(JSON.writeValueAsBytes(config)); // parsed like the stored one (int vs long nodes)
            if (Files.exists(f)) {
                JsonNode have = stored(f);
                for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!want.get(k).equals(have.get(k))) {
                        throw new IllegalArgumentException("run directory " + dir + " was started with another config (" + f + ": field '" + k + "'" + option(k) + " is "
                                + have.get(k) + ", this command asks for " + want.get(k) + "); use a new run directory");
                    }
                }
                // a field left out when unset (--box, --hold-out-axis) that the stored run has set
                for (Iterator<String> it = have.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!want.has(k) && !have.get(k).isNull()) {
                        throw new IllegalArgumentException("run directory " + dir + " was started with another config (" + f + ": field '" + k + "'" + option(k) + " is "
                                + have.get(k) + ", this command leaves it unset); use a new run directory");
                    }
                }
                return;
            }
            AtomicFiles.writeBytes(f, JSON.writeValueAsBytes(want));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + f + ": " + e.getMessage(), e);
        }
    }

    /**
     * The stored config as this version writes it: read into {@link RunConfig} and written again, so a field added since
     * the run began (the grid basis) compares as the default it reads as, and an older run directory continues when
     * the command asks for what it had; as stored when it no longer reads.
     */
    private static JsonNode stored(Path f) throws IOException {
        JsonNode raw = JSON.readTree(f.toFile());
        try {
            return JSON.readTree(JSON.writeValueAsBytes(JSON.treeToValue(raw, RunConfig.class)));
        } catch (IOException | IllegalArgumentException e) {
            return raw;
        }
    }

    /** The command-line option that sets a config field, as {@code " (--hold-out)"}, or nothing for fields set otherwise. */
    private static String option(String field) {
        String o = switch (field) {
            case "holdOut" -> "--hold-out";
            case "holdOutAxis" -> "--hold-out-axis";
            case "box" -> "--box";
            case "level" -> "--level";
            case "crop" -> "--crop";
            case "steps" -> "--steps";
            case "seed" -> "--seed";
            case "cleanScan" -> "--clean";
            case "patience" -> "--patience";
            case "encoding" -> "--embedding, --grid, --grid-basis, --grid-features, --grid-table-bits, --fourier, --channel-dim";
            default -> null;
        };
        return o == null ? "" : " (" + o + ")";
    }

    /** The stored config. */
    public RunConfig config() {
        try {
            return JSON.readValue(dir.resolve(CONFIG).toFile(), RunConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(CONFIG) + ": " + e.getMessage(), e);
        }
    }

    Path marker(String stage) { return dir.resolve("stages").resolve(stage + ".json"); }

    /**
     * A finished stage's marker read into the stage's result record, empty when the stage has not finished.
     *
     * @throws IllegalStateException naming the file when the marker does not hold what the stage writes
     */
    public Optional<StageMarker> finished(String stage) {
        Path f = marker(stage);
        if (!Files.exists(f)) return Optional.empty();
        try {
            return Optional.of(StageMarker.fromJson(JSON.readTree(f.toFile()), PipelineRun.resultType(stage), f));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stage marker " + f + ": " + e.getMessage(), e);
        }
    }

    /**
     * Marks a stage finished with what it did ({@code seconds} null for a skipped stage), and appends its numbers to
     * {@value #METRICS}.
     */
    void finish(String stage, StageResult result, Double seconds) {
        ObjectNode json = new StageMarker(stage, Instant.now().toString(), result, seconds).toJson();
        try {
            Files.createDirectories(marker(stage).getParent());
            Files.writeString(dir.resolve(METRICS), LINE.writeValueAsString(json) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            AtomicFiles.writeBytes(marker(stage), JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write stage marker " + marker(stage) + ": " + e.getMessage(), e);
        }
    }

    /** Appends a line to the log. */
    void log(String line) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(LOG), Instant.now() + " " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + dir.resolve(LOG) + ": " + e.getMessage(), e);
        }
    }
}
