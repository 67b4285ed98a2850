package org.scrollwork.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.train.Annealed;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.ChunkedSerial;
import org.scrollwork.aunn.train.IndexSchedule;
import org.scrollwork.aunn.train.LossPrioritized;
import org.scrollwork.aunn.train.PackedWindows;
import org.scrollwork.aunn.train.Serial;
import org.scrollwork.aunn.train.ShuffledEpochs;
import org.scrollwork.aunn.train.UniformRandom;
import org.scrollwork.files.AtomicFiles;

/**
 * The train stage: an AUNN trained on a corpus (any {@link IndexedByteSource}) in a run directory.
 * The run directory holds {@value #CONFIG} (the model config), {@value #SNAPSHOT} (written every
 * {@code snapshotEvery} steps and at the end, atomically) and {@value #METRICS} (one JSON line per
 * evaluation: step, train bits/byte, held-out bits/byte, learning rate, seconds). Restartable: if
 * the run directory already holds a snapshot of the same config and corpus, training resumes from
 * its step and continues the same curve. A call killed at any moment (SIGKILL included) leaves at most temporaries
 * ({@code .model.aunn.PID.NANOS.tmp} and the like) beside these files; the next call deletes them before it trains.
 *
 * <p>Early stopping: with {@code patience > 0}, the model with the lowest validation bits per byte so far
 * is kept as {@value #BEST}, and training stops once that many evaluations in a row have not improved on
 * it. Validation data is what the corpus marks {@link Role#VALIDATION}; a corpus without any falls back to
 * its held-out data (then the held-out score is no longer an untouched test). {@link TrainedModel} predicts
 * with {@value #BEST} when it exists. A resumed run continues early stopping where its earlier calls left it
 * ({@link EarlyStopping#replay}): cut into pieces by kills or time limits it keeps the same best model and stops at the
 * same step, and a run that stopped early stays stopped when called again.
 *
 * <p>The config's encoding is bound to the source's {@link IndexedByteSource#layout() layout} (the
 * geometry embedding reads indices through it; the snapshot keeps it).
 *
 * <p>Finetuning: {@link Options#withInitialWeights} starts a run that has no snapshot yet from another
 * run's weights (read, never written); from its first snapshot on it resumes like any run.
 * {@link Options#withTimeLimit} bounds the wall-clock time of one call.
 */
public final class TrainingRun {
    public static final String CONFIG = "aunn-config.json";
    public static final String SNAPSHOT = "model.aunn";
    public static final String METRICS = "metrics.jsonl";
    public static final String BEST = "best.aunn";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingRun() {}

    /** Training schedules by name, as on the command line. */
    public enum ScheduleName {
        /** every TRAIN index once per epoch, each epoch in a fresh random order ({@link ShuffledEpochs}); the default */
        SHUFFLED,
        /** indices drawn uniformly with replacement ({@link UniformRandom}) */
        RANDOM, SERIAL, ANNEALED, WINDOWS,
        /** dynamic-evaluation-style: serial chunks of one batch, each trained 4 steps ({@link ChunkedSerial}) */
        CHUNKED,
        /** hard-sample mining: half of each batch drawn by loss from the last 16 batches ({@link LossPrioritized}) */
        PRIORITIZED;

        IndexSchedule create(AunnConfig c, int steps) {
            switch (this) {
                case SHUFFLED: return new ShuffledEpochs(c.batchSize(), c.seed());
                case RANDOM: return new UniformRandom(c.batchSize(), c.seed());
                case SERIAL: return new Serial(c.batchSize());
                case ANNEALED: return new Annealed(c.batchSize(), steps, c.seed());
                case WINDOWS: return new PackedWindows(Math.max(1, c.batchSize() / 64), Math.min(64, c.batchSize()), c.seed());
                case CHUNKED: return new ChunkedSerial(c.batchSize(), 4);
                case PRIORITIZED: return new LossPrioritized(c.batchSize(), 0.5, 16 * c.batchSize(), c.seed());
                default: throw new AssertionError(this);
            }
        }
    }

    /**
     * How a run trains. The number of steps is not here: a run trains its model config's {@link AunnConfig#totalSteps()},
     * the length of its learning-rate schedule, so the two cannot disagree (a resumed run trains only the remaining ones).
     *
     * @param evalEvery steps between evaluations (and metric lines)
     * @param snapshotEvery steps between snapshots
     * @param evalSamples held-out and train indices scored per evaluation (evenly spread by rank)
     * @param patience evaluations without held-out improvement before stopping early; 0 = never stop early
     * @param initialWeights a snapshot whose weights start a new run (finetuning: same architecture, fresh
     *     optimizer, step 0); read only when the run directory has no snapshot yet, never written; null = random init
     * @param timeLimitSeconds wall-clock seconds this call may train; once spent, a snapshot is written and the
     *     call returns before the last step (checked after each evaluation); 0 = no limit
     */
    public record Options(ScheduleName schedule, int evalEvery, int snapshotEvery, int evalSamples, int patience,
                          Path initialWeights, double timeLimitSeconds, Stopping stopping) {
        public Options {
            if (schedule == null) throw new IllegalArgumentException("a schedule is required");
            if (stopping == null) stopping = Stopping.BITS_PER_BYTE;
            if (evalEvery < 1 || snapshotEvery < 1 || evalSamples < 1) {
                throw new IllegalArgumentException("intervals and samples must be positive: evalEvery=" + evalEvery + " snapshotEvery=" + snapshotEvery
                        + " evalSamples=" + evalSamples);
            }
            if (patience < 0) throw new IllegalArgumentException("patience must be >= 0: " + patience);
            if (!(timeLimitSeconds >= 0)) throw new IllegalArgumentException("time limit must be >= 0 seconds: " + timeLimitSeconds);
        }

        /** Options from random initialisation without a time limit. */
        public Options(ScheduleName schedule, int evalEvery, int snapshotEvery, int evalSamples, int patience) {
            this(schedule, evalEvery, snapshotEvery, evalSamples, patience, null, 0, Stopping.BITS_PER_BYTE);
        }

        /** These options, stopping early on {@code s}. */
        public Options withStopping(Stopping s) {
            return new Options(schedule, evalEvery, snapshotEvery, evalSamples, patience, initialWeights, timeLimitSeconds, s);
        }

        /** Options without early stopping. */
        public Options(ScheduleName schedule, int evalEvery, int snapshotEvery, int evalSamples) {
            this(schedule, evalEvery, snapshotEvery, evalSamples, 0);
        }

        /** These options, starting a new run from the weights of {@code snapshot}. */
        public Options withInitialWeights(Path snapshot) {
            return new Options(schedule, evalEvery, snapshotEvery, evalSamples, patience, snapshot, timeLimitSeconds, stopping);
        }

        /** These options, training at most {@code seconds} of wall-clock time per call (0 = no limit). */
        public Options withTimeLimit(double seconds) {
            return new Options(schedule, evalEvery, snapshotEvery, evalSamples, patience, initialWeights, seconds, stopping);
        }
    }

    /** What early stopping watches on the validation data (or the held-out data when there is none). */
    public enum Stopping {
        /** bits per byte: the AUNN's own measure, for text and mixed data */
        BITS_PER_BYTE,
        /**
         * root-mean-square error of the expected byte: for reconstructions, scored by the expected value; its bits per
         * byte rise (the distribution sharpens on noise) long before the expected value stops improving
         */
        EXPECTED_BYTE_ERROR
    }

    /**
     * One evaluation point; {@code totalSteps} is the run's length, its config's {@link AunnConfig#totalSteps()}. Held-out (validation) bits are NaN when the corpus has no held-out (validation) data;
     * {@code validationError} is the RMSE of the expected byte on the validation data (NaN unless early stopping
     * watches it); {@code seconds} counts the training time of every call of the run, a resumed one included.
     */
    public record Metrics(long step, long totalSteps, double trainBits, double heldOutBits, double validationBits, double validationError,
                          double lr, double seconds) {
        /** Validation bits per byte, or held-out ones when there is no validation data. */
        public double stoppingBits() { return Double.isNaN(validationBits) ? heldOutBits : validationBits; }

        /** The score early stopping watches (lower is better). */
        public double stoppingScore(Stopping s) { return s == Stopping.EXPECTED_BYTE_ERROR ? validationError : stoppingBits(); }
    }

    /** Where a run directory's training stands: the snapshot's step and the training seconds spent to reach it. */
    public record ResumePoint(long step, double seconds) {
        /** A run that has not started. */
        public static final ResumePoint START = new ResumePoint(0, 0);
    }

    /** Where {@link #run} would resume in {@code runDir}, {@link ResumePoint#START} without a snapshot (for progress bars). */
    public static ResumePoint resumePoint(Path runDir) {
        Path snapshot = runDir.resolve(SNAPSHOT);
        if (!Files.exists(snapshot)) return ResumePoint.START;
        long step = Snapshot.readHeader(snapshot).step();
        return new ResumePoint(step, previousSeconds(runDir.resolve(METRICS), step));
    }

    /**
     * Trains (or resumes) {@code config}'s {@link AunnConfig#totalSteps()} steps and returns the final metrics; the
     * trained model is left in the snapshot.
     *
     * @param progress called after each evaluation, for progress bars and logs
     */
    public static Metrics run(IndexedByteSource source, AunnConfig config, Path runDir, Options opts, Consumer<Metrics> progress) {
        AunnConfig c = config.withIndexBits(source.indexBits()).withLayout(source.layout());
        try {
            Files.createDirectories(runDir);
            // what a killed call left half-written (temporaries of the snapshots, the metrics rewrite, the config) goes first
            for (String name : List.of(SNAPSHOT, BEST, METRICS, CONFIG)) AtomicFiles.removeStaleTemporaries(runDir.resolve(name));
            AtomicFiles.writeBytes(runDir.resolve(CONFIG), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(c));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to run directory " + runDir + ": " + e.getMessage(), e);
        }
        Path snapshot = runDir.resolve(SNAPSHOT);
        long t0 = System.nanoTime();
        try (AunnModel model = new AunnModel(c); AunnTrainer trainer = new AunnTrainer(model)) {
            boolean resumed = Files.exists(snapshot);
            if (resumed) {
                Snapshot.restore(snapshot, trainer, source, Snapshot.Mode.RESUME); // a fingerprint of an older rule for this data is accepted
            } else if (opts.initialWeights() != null) {
                Snapshot.restore(opts.initialWeights(), trainer, source, Snapshot.Mode.FINETUNE);
            }
            // what a killed call measured after its last snapshot (everything, when it left none) is measured again
            keepLinesUpTo(runDir.resolve(METRICS), resumed ? trainer.step() : Long.MIN_VALUE);
            int steps = c.totalSteps();
            IndexSchedule schedule = opts.schedule().create(c, steps);
            long[] trainProbe = spread(source, Role.TRAIN, opts.evalSamples());
            long[] heldProbe = spread(source, Role.HELD_OUT, opts.evalSamples());
            long[] valProbe = spread(source, Role.VALIDATION, opts.evalSamples());
            Metrics last = null;
            // early stopping where the earlier calls left it (their lines up to the snapshot): a stopped run stays stopped
            EarlyStopping early = resumed ? EarlyStopping.replay(runDir.resolve(METRICS), opts.patience(), opts.stopping())
                    : EarlyStopping.fresh(opts.patience(), opts.stopping());
            double secondsBefore = previousSeconds(runDir.resolve(METRICS), trainer.step());
            long resumeStep = resumed ? trainer.step() : -1;
            while (trainer.step() < steps && !early.stopped()) {
                int n = (int) Math.min(opts.evalEvery() - trainer.step() % opts.evalEvery(), steps - trainer.step());
                trainer.train(source, schedule, n);
                last = metrics(model, source, trainer, opts, trainProbe, heldProbe, valProbe, secondsBefore + (System.nanoTime() - t0) / 1e9);
                // the metrics line first, then the best model, then the snapshot they belong to: a kill between them
                // leaves a line that the resumed call drops and writes again (and reaches the same best again), never a
                // snapshot without its line
                append(runDir.resolve(METRICS), last, resumeStep);
                resumeStep = -1;
                EarlyStopping.Verdict verdict = early.observe(last.stoppingScore(opts.stopping()));
                if (verdict == EarlyStopping.Verdict.NEW_BEST) Snapshot.save(runDir.resolve(BEST), trainer, source.fingerprint());
                if (verdict == EarlyStopping.Verdict.STOP || trainer.step() % opts.snapshotEvery() == 0 || trainer.step() >= steps) {
                    Snapshot.save(snapshot, trainer, source.fingerprint());
                }
                progress.accept(last);
                if (verdict == EarlyStopping.Verdict.STOP) break;
                if (opts.timeLimitSeconds() > 0 && last.seconds() - secondsBefore >= opts.timeLimitSeconds() && trainer.step() < steps) {
                    Snapshot.save(snapshot, trainer, source.fingerprint());
                    break;
                }
            }
            if (last == null) last = metrics(model, source, trainer, opts, trainProbe, heldProbe, valProbe, secondsBefore); // already complete
            return last;
        }
    }

    private static Metrics metrics(AunnModel model, IndexedByteSource source, AunnTrainer trainer, Options opts, long[] trainProbe, long[] heldProbe,
                                   long[] valProbe, double seconds) {
        // one forward pass per probe: the probe that early stopping watches gives its bits and its expected-byte error together
        boolean expectations = opts.stopping() == Stopping.EXPECTED_BYTE_ERROR;
        boolean heldStops = expectations && valProbe.length == 0;
        Evaluator.Score held = heldProbe.length == 0 ? null
                : heldStops ? Evaluator.score(model, source, heldProbe, 4096) : new Evaluator.Score(Evaluator.bitsPerByte(model, source, heldProbe, 4096), Double.NaN);
        Evaluator.Score val = valProbe.length == 0 ? null
                : expectations ? Evaluator.score(model, source, valProbe, 4096) : new Evaluator.Score(Evaluator.bitsPerByte(model, source, valProbe, 4096), Double.NaN);
        double error = val != null ? val.expectedByteRmse() : heldStops && held != null ? held.expectedByteRmse() : Double.NaN;
        return new Metrics(trainer.step(), model.config().totalSteps(), Evaluator.bitsPerByte(model, source, trainProbe, 4096),
                held == null ? Double.NaN : held.bitsPerByte(), val == null ? Double.NaN : val.bitsPerByte(), error, trainer.currentLr(), seconds);
    }

    /** Training seconds of the earlier calls of a resumed run: the last metrics line at or before {@code step}, else 0. */
    private static double previousSeconds(Path metrics, long step) {
        if (step == 0 || !Files.exists(metrics)) return 0;
        double seconds = 0;
        try {
            for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(line);
                if (n.path("step").asLong(Long.MAX_VALUE) <= step) seconds = n.path("seconds").asDouble(seconds);
            }
        } catch (IOException | RuntimeException e) {
            return 0; // a damaged metrics file only loses the elapsed time
        }
        return seconds;
    }

    /** Up to {@code n} indices of a role, evenly spread over its ranks (empty when the role has none). */
    public static long[] spread(IndexedByteSource source, Role role, int n) {
        long count = source.count(role);
        int m = (int) Math.min(n, count);
        long[] out = new long[m];
        for (int i = 0; i < m; i++) out[i] = source.index(role, (long) ((double) i * count / m));
        return out;
    }

    /**
     * Drops the lines of {@code metrics} after {@code step} (atomically): what a killed call measured after its last
     * snapshot, which the resumed call measures again.
     */
    private static void keepLinesUpTo(Path metrics, long step) {
        if (!Files.exists(metrics)) return;
        try {
            List<String> kept = new ArrayList<>();
            boolean dropped = false;
            for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                if (JSON.readTree(line).path("step").asLong(Long.MIN_VALUE) > step) dropped = true;
                else kept.add(line);
            }
            if (dropped) AtomicFiles.writeBytes(metrics, (String.join("\n", kept) + (kept.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + metrics + ": " + e.getMessage(), e);
        }
    }

    /** Appends one metrics line; the first line of a resumed call says from which step it resumed. */
    private static void append(Path file, Metrics m, long resumedFromStep) {
        try {
            Files.writeString(file, JSON.writeValueAsString(MetricsLine.of(m, resumedFromStep)) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }
}
