package org.scrollwork.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where early stopping stands in a run: the best score so far, the evaluations since it, and whether the run has
 * stopped. A resumed run rebuilds it from the metrics lines of the calls before (what they measured up to the snapshot it
 * resumes from), so a kill, or a time limit that ends a call, changes neither which model is kept as the best nor when
 * training stops; a run that stopped early stays stopped.
 */
final class EarlyStopping {
    private final int patience;
    private final TrainingRun.Stopping stopping;
    private double best = Double.POSITIVE_INFINITY;
    private int sinceBest;

    private EarlyStopping(int patience, TrainingRun.Stopping stopping) {
        this.patience = patience;
        this.stopping = stopping;
    }

    /** What an evaluation means for the run. */
    enum Verdict { NEW_BEST, GO_ON, STOP }

    /** A fresh state: nothing measured yet. */
    static EarlyStopping fresh(int patience, TrainingRun.Stopping stopping) { return new EarlyStopping(patience, stopping); }

    /** The state after the evaluations recorded in {@code metrics} (a run's {@value TrainingRun#METRICS}); fresh when it does not exist. */
    static EarlyStopping replay(Path metrics, int patience, TrainingRun.Stopping stopping) {
        EarlyStopping s = fresh(patience, stopping);
        if (patience == 0 || !Files.exists(metrics)) return s;
        ObjectMapper json = new ObjectMapper();
        try {
            for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) s.observe(score(json.readTree(line), stopping));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics + ": " + e.getMessage(), e);
        }
        return s;
    }

    /** The score of one metrics line as {@link TrainingRun.Metrics#stoppingScore} gives it; NaN when the line has none. */
    private static double score(JsonNode line, TrainingRun.Stopping stopping) {
        if (stopping == TrainingRun.Stopping.EXPECTED_BYTE_ERROR) return number(line, "validationExpectedByteRmse");
        double v = number(line, "validationBitsPerByte");
        return Double.isNaN(v) ? number(line, "heldOutBitsPerByte") : v;
    }

    private static double number(JsonNode line, String field) {
        JsonNode n = line.get(field);
        return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }

    /** Takes one evaluation's score (NaN: nothing to watch) and says what it means; with patience 0 the run never stops early. */
    Verdict observe(double score) {
        if (patience == 0 || Double.isNaN(score)) return Verdict.GO_ON;
        if (score < best) {
            best = score;
            sinceBest = 0;
            return Verdict.NEW_BEST;
        }
        return ++sinceBest >= patience ? Verdict.STOP : Verdict.GO_ON;
    }

    /** Whether the evaluations so far have stopped the run. */
    boolean stopped() { return patience > 0 && sinceBest >= patience; }
}
