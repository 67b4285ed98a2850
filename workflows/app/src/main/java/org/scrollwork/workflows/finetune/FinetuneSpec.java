package org.scrollwork.workflows.finetune;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.TrainingRun.ScheduleName;

/**
 * A per-scroll incremental finetune job, read from YAML (see {@code workflows/scripts/finetune-job.yaml}).
 * Relative paths are resolved against the spec file's directory. Every error is a
 * {@link JobSpecException} naming the file and the field.
 *
 * @param file           the spec file
 * @param base           the snapshot the job starts from (read, never written)
 * @param corpus         the corpus the base was trained on; the new scroll is (or gets) appended to it
 * @param ingest         new scans and texts to append at job start, or null when they are already in the corpus
 * @param newRecordsFrom without {@code ingest}: the first record of the new scroll (its records run to the end of the corpus as it is at job start)
 * @param budget         steps and/or minutes of training
 * @param learningRate   peak learning rate
 * @param warmupSteps    linear warm-up steps
 * @param schedule       index schedule
 * @param batchSize      batch size, or 0 for the base's
 * @param replay         fraction of training draws from the older records, in [0, 1)
 * @param seed           seeds the schedule and the replay sample
 * @param evalEvery      steps between evaluations (metric lines); by default as {@code train} and {@code run} evaluate,
 *                       {@link TrainingDefaults#evalEvery(int)} of the step budget, or every {@value #MINUTES_ONLY_EVAL_EVERY} steps
 *                       for a budget in minutes only
 * @param snapshotEvery  steps between snapshots (what a rerun after a kill resumes from)
 * @param evalSamples    indices scored per evaluation
 * @param output         the job directory
 */
public record FinetuneSpec(Path file, Path base, Path corpus, Ingest ingest, OptionalInt newRecordsFrom, Budget budget,
                           double learningRate, int warmupSteps, ScheduleName schedule, int batchSize, double replay, long seed,
                           int evalEvery, int snapshotEvery, int evalSamples, Path output) {
    /** Steps between evaluations of a job whose budget is in minutes only (no step count to take a twentieth of). */
    public static final int MINUTES_ONLY_EVAL_EVERY = 100;

    /**
     * New data to append to the corpus at job start.
     *
     * @param scans       volumes in any supported format
     * @param texts       UTF-8 texts (transcriptions), appended after the scans
     * @param papyrusForm store texts normalized to scriptio continua majuscule
     * @param modality    modality recorded for the scans
     * @param level       pyramid level read from the scans
     * @param heldOut     fraction of each new record held out for evaluation: the last slices of a volume, the
     *                    last bytes of a text; 0 = none
     */
    public record Ingest(List<Path> scans, List<Path> texts, boolean papyrusForm, String modality, int level, double heldOut) {
        public Ingest {
            scans = List.copyOf(scans);
            texts = List.copyOf(texts);
        }
    }

    /**
     * How long the job trains: it stops at whichever comes first.
     *
     * @param steps   total steps, or empty for a time budget alone
     * @param minutes total training minutes over all runs of the job, or 0 for none
     */
    public record Budget(OptionalInt steps, double minutes) {}

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> TOP = Set.of("base", "corpus", "ingest", "newRecordsFrom", "budget", "learningRate", "warmupSteps",
            "schedule", "batchSize", "replay", "seed", "evalEvery", "snapshotEvery", "evalSamples", "output");
    private static final Set<String> INGEST = Set.of("scans", "texts", "papyrusForm", "modality", "level", "heldOut");
    private static final Set<String> BUDGET = Set.of("steps", "minutes");

    /** Reads and validates a spec file. */
    public static FinetuneSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new JobSpecException(file, null, "no such file", e);
        } catch (IOException e) {
            throw new JobSpecException(file, null, "cannot read: " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    /** A parser's message, which may span lines (context, then problem), as one line. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    /** Parses and validates spec text; {@code file} names it in errors and anchors relative paths. */
    public static FinetuneSpec parse(Path file, String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new JobSpecException(file, null, "not valid YAML" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + oneLine(e.getOriginalMessage()), e);
        }
        if (root == null || !root.isObject()) throw new JobSpecException(file, null, "must be a YAML mapping of fields (base, corpus, budget, output, ...)");
        Path dir = file.toAbsolutePath().getParent();
        Fields f = new Fields(file, dir, (ObjectNode) root, "", TOP);

        Path base = f.path("base", true);
        Path corpus = f.path("corpus", true);
        Ingest ingest = null;
        if (root.has("ingest")) {
            Fields g = f.object("ingest", INGEST);
            List<Path> scans = g.paths("scans");
            List<Path> texts = g.paths("texts");
            if (scans.isEmpty() && texts.isEmpty()) throw new JobSpecException(file, "ingest", "give at least one of 'scans' and 'texts'");
            ingest = new Ingest(scans, texts, g.bool("papyrusForm", false), g.string("modality", "ct"), g.integer("level", 0, 0),
                    g.fraction("heldOut", 0.0));
        }
        OptionalInt newFrom = root.has("newRecordsFrom") ? OptionalInt.of(f.integer("newRecordsFrom", 0, 0)) : OptionalInt.empty();
        if (ingest != null && newFrom.isPresent()) throw new JobSpecException(file, "newRecordsFrom", "give either 'ingest' or 'newRecordsFrom', not both");
        if (ingest == null && newFrom.isEmpty()) {
            throw new JobSpecException(file, "ingest", "missing: give 'ingest' (new scans to append) or 'newRecordsFrom' (first record of a scroll already in the corpus)");
        }
        Fields b = f.object("budget", BUDGET);
        OptionalInt steps = b.has("steps") ? OptionalInt.of(b.integer("steps", 0, 1)) : OptionalInt.empty();
        double minutes = b.positiveOrAbsent("minutes");
        if (steps.isEmpty() && minutes == 0) throw new JobSpecException(file, "budget", "give 'steps' and/or 'minutes'");
        double lr = f.positive("learningRate", 5e-4);
        int warmup = f.integer("warmupSteps", Math.min(100, steps.orElse(1000) / 10), 0);
        ScheduleName schedule = f.schedule("schedule", TrainingDefaults.SCHEDULE);
        int batch = f.integer("batchSize", 0, 1);
        double replay = f.fraction("replay", 0.0);
        long seed = f.longValue("seed", 1);
        // as train and run evaluate: a twentieth of the steps (at least 5); every 100 steps for a budget in minutes only
        int evalEvery = f.integer("evalEvery", steps.isPresent() ? TrainingDefaults.evalEvery(steps.getAsInt()) : MINUTES_ONLY_EVAL_EVERY, 1);
        int snapshotEvery = f.integer("snapshotEvery", evalEvery, 1);
        int evalSamples = f.integer("evalSamples", TrainingDefaults.EVAL_SAMPLES, 1);
        Path output = f.path("output", true);
        return new FinetuneSpec(file, base, corpus, ingest, newFrom, new Budget(steps, minutes), lr, warmup, schedule, batch, replay, seed,
                evalEvery, snapshotEvery, evalSamples, output);
    }

    /** Typed access to the fields of one mapping, with errors naming the field. */
    private static final class Fields {
        private final Path file;
        private final Path dir;
        private final ObjectNode node;
        private final String prefix;

        Fields(Path file, Path dir, ObjectNode node, String prefix, Set<String> known) {
            this.file = file;
            this.dir = dir;
            this.node = node;
            this.prefix = prefix;
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!known.contains(name)) throw new JobSpecException(file, prefix + name, "unknown field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }

        boolean has(String name) { return node.hasNonNull(name); }

        private JobSpecException bad(String name, String why) { return new JobSpecException(file, prefix + name, why); }

        private JsonNode get(String name, boolean required) {
            JsonNode v = node.get(name);
            if ((v == null || v.isNull()) && required) throw bad(name, "missing (required)");
            return v == null || v.isNull() ? null : v;
        }

        Fields object(String name, Set<String> known) {
            JsonNode v = get(name, true);
            if (!v.isObject()) throw bad(name, "must be a mapping of " + String.join(", ", known.stream().sorted().toList()) + ", got " + show(v));
            return new Fields(file, dir, (ObjectNode) v, prefix + name + ".", known);
        }

        Path path(String name, boolean required) {
            JsonNode v = get(name, required);
            if (v == null) return null;
            if (!v.isTextual() || v.asText().isBlank()) throw bad(name, "must be a file or directory path, got " + show(v));
            return dir.resolve(v.asText()).normalize();
        }

        List<Path> paths(String name) {
            JsonNode v = get(name, false);
            List<Path> out = new ArrayList<>();
            if (v == null) return out;
            if (v.isTextual()) v = YAML.createArrayNode().add(v);
            if (!v.isArray()) throw bad(name, "must be a list of paths, got " + show(v));
            for (int i = 0; i < v.size(); i++) {
                JsonNode e = v.get(i);
                if (!e.isTextual() || e.asText().isBlank()) throw new JobSpecException(file, prefix + name + "[" + i + "]", "must be a path, got " + show(e));
                out.add(dir.resolve(e.asText()).normalize());
            }
            return out;
        }

        int integer(String name, int dflt, int min) {
            JsonNode v = get(name, false);
            if (v == null) return dflt;
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min) throw bad(name, "must be an integer >= " + min + ", got " + show(v));
            return v.asInt();
        }

        long longValue(String name, long dflt) {
            JsonNode v = get(name, false);
            if (v == null) return dflt;
            if (!v.isIntegralNumber() || !v.canConvertToLong()) throw bad(name, "must be an integer, got " + show(v));
            return v.asLong();
        }

        double positive(String name, double dflt) {
            JsonNode v = get(name, false);
            if (v == null) return dflt;
            if (!v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) throw bad(name, "must be a positive number, got " + show(v));
            return v.asDouble();
        }

        double positiveOrAbsent(String name) { return has(name) ? positive(name, 0) : 0; }

        double fraction(String name, double dflt) {
            JsonNode v = get(name, false);
            if (v == null) return dflt;
            double d = v.asDouble();
            if (!v.isNumber() || !(d >= 0 && d < 1)) throw bad(name, "must be a fraction in [0, 1), got " + show(v));
            return d;
        }

        boolean bool(String name, boolean dflt) {
            JsonNode v = get(name, false);
            if (v == null) return dflt;
            if (!v.isBoolean()) throw bad(name, "must be true or false, got " + show(v));
            return v.asBoolean();
        }

        String string(String name, String dflt) {
            JsonNode v = get(name, false);
            if (v == null) return dflt;
            if (!v.isTextual() || v.asText().isBlank()) throw bad(name, "must be a non-empty string, got " + show(v));
            return v.asText();
        }

        ScheduleName schedule(String name, ScheduleName dflt) {
            JsonNode v = get(name, false);
            if (v == null) return dflt;
            List<String> names = java.util.Arrays.stream(ScheduleName.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList();
            if (!v.isTextual() || !names.contains(v.asText().toLowerCase(Locale.ROOT))) throw bad(name, "must be one of " + String.join(", ", names) + ", got " + show(v));
            return ScheduleName.valueOf(v.asText().toUpperCase(Locale.ROOT));
        }

        private static String show(JsonNode v) {
            if (v.isTextual()) return "\"" + v.asText() + "\"";
            if (v.isContainerNode()) return v.isArray() ? "a list" : "a mapping";
            return v.toString();
        }
    }
}
