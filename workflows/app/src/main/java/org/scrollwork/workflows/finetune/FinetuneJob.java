package org.scrollwork.workflows.finetune;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.snapshot.SnapshotHeader;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.pipeline.FinetuneSource;
import org.scrollwork.pipeline.TrainingRun;

/**
 * Runs a {@link FinetuneSpec}: a {@link TrainingRun} in the job's own directory, started from the
 * base snapshot's weights, trained on the new scroll's records (plus optional replay of older ones).
 *
 * <p>Restartable: a rerun after a kill resumes from the job's latest snapshot (the step count and
 * {@code metrics.jsonl} continue). Safe: the base is only read; its SHA-256 is recorded at job start
 * and checked on every run and during training, and the job fails clearly if it changed. One run
 * per job directory at a time ({@link JobLock}); different job directories run concurrently and
 * share no files but the corpus (read-only, except for the appends of an {@code ingest}, which wait
 * for the corpus writer lock).
 */
public final class FinetuneJob {
    private FinetuneJob() {}

    /**
     * How a run of the job ended.
     *
     * @param metrics    the last evaluation (null when the time budget was already spent)
     * @param resumed    whether this run continued an earlier one
     * @param stopReason why training stopped
     */
    public record Result(TrainingRun.Metrics metrics, boolean resumed, String stopReason, int firstRecord, int endRecord) {}

    /**
     * Runs (or continues) the job.
     *
     * @param log      one-line messages (ingest, resume, budget)
     * @param progress called after each evaluation, before the base is re-checked
     */
    public static Result run(FinetuneSpec spec, PrintWriter log, Consumer<TrainingRun.Metrics> progress) {
        Path job = spec.output().toAbsolutePath().normalize();
        Path base = spec.base().toAbsolutePath().normalize();
        if (base.getParent().equals(job)) {
            throw new FinetuneException("output " + job + " is the directory of the base snapshot " + base + "; a finetune works in its own directory");
        }
        try {
            Files.createDirectories(job);
        } catch (IOException e) {
            throw new FinetuneException("cannot create job directory " + job + ": " + e.getMessage(), e);
        }
        JobLock lock = JobLock.acquire(job);
        try {
            return runLocked(spec, job, base, log, progress);
        } finally {
            lock.close();
        }
    }

    private static Result runLocked(FinetuneSpec spec, Path job, Path base, PrintWriter log, Consumer<TrainingRun.Metrics> progress) {
        // a killed run may have left temporaries of its atomic writes (job state, snapshots, metrics): removed, and said
        for (String name : List.of(JobState.FILE, TrainingRun.SNAPSHOT, TrainingRun.BEST, TrainingRun.METRICS, TrainingRun.CONFIG)) {
            for (String left : AtomicFiles.removeStaleTemporaries(job.resolve(name))) log.printf("finetune: removed %s, left by a killed run%n", left);
        }
        String sha = BaseWatch.sha256(base);
        JobState state = JobState.read(job);
        boolean resumed = state != null;
        if (state == null) {
            state = new JobState(base.toString(), sha, spec.corpus().toAbsolutePath().normalize().toString(), -1, -1, -1, 0);
            state.write(job);
        } else {
            if (!state.base().equals(base.toString())) {
                throw new FinetuneException("job directory " + job + " was started from base " + state.base() + ", but " + spec.file() + " names " + base
                        + "; use a new output directory for another base");
            }
            if (!state.baseSha256().equals(sha)) {
                throw new FinetuneException("base snapshot " + base + " changed since this job started (sha256 " + state.baseSha256() + " then, " + sha
                        + " now); a finetune never writes its base, so something else did: restore it or start a new job directory");
            }
        }
        BaseWatch watch = new BaseWatch(base, sha);
        SnapshotHeader header = Snapshot.readHeader(base);
        state = newRecords(spec, state, job, log);
        try (Corpus corpus = Corpus.open(spec.corpus())) {
            AunnConfig bc = header.config();
            if (bc.indexBits() != corpus.indexBits()) {
                throw new FinetuneException("base snapshot " + base + " was trained on a " + bc.indexBits() + "-bit index, corpus " + spec.corpus() + " has "
                        + corpus.indexBits() + " bits");
            }
            FinetuneSource source = new FinetuneSource(corpus, state.firstRecord(), state.endRecord(), spec.replay(), spec.seed());
            // the step budget is the run's length and its learning-rate schedule's (a time budget alone: no decay)
            AunnConfig config = bc.withOptim(spec.learningRate(), spec.warmupSteps(), spec.budget().steps().orElse(Integer.MAX_VALUE), bc.weightDecay())
                    .withSeed(spec.seed());
            if (spec.batchSize() > 0) config = config.withBatchSize(spec.batchSize());
            double budget = spec.budget().minutes() * 60;
            double used = state.secondsUsed();
            if (budget > 0 && used >= budget) {
                return new Result(null, resumed, String.format("time budget of %.1f minutes already spent", spec.budget().minutes()), state.firstRecord(), state.endRecord());
            }
            if (resumed && Files.exists(job.resolve(TrainingRun.SNAPSHOT))) {
                log.printf("finetune: resuming %s from step %d%n", job, Snapshot.readHeader(job.resolve(TrainingRun.SNAPSHOT)).step());
            } else {
                log.printf("finetune: %s from %s on %s%n", job, base, source);
            }
            TrainingRun.Options opts = new TrainingRun.Options(spec.schedule(), spec.evalEvery(), spec.snapshotEvery(), spec.evalSamples())
                    .withInitialWeights(base).withTimeLimit(budget > 0 ? budget - used : 0);
            JobState[] current = {state};
            TrainingRun.Metrics m = TrainingRun.run(source, config, job, opts, metrics -> {
                progress.accept(metrics);
                watch.check();
                current[0] = current[0].withSecondsUsed(used + metrics.seconds());
                current[0].write(job);
            });
            watch.checkFully();
            String why = m.step() >= m.totalSteps() ? "step budget reached" : "time budget of " + spec.budget().minutes() + " minutes spent";
            return new Result(m, resumed, why, state.firstRecord(), state.endRecord());
        }
    }

    /** Finds (or ingests) the new scroll's records once and records them in the job state. */
    private static JobState newRecords(FinetuneSpec spec, JobState state, Path job, PrintWriter log) {
        if (state.recordsKnown()) return state;
        if (spec.ingest() == null) {
            try (Corpus corpus = Corpus.open(spec.corpus())) {
                int n = corpus.records().size();
                int first = spec.newRecordsFrom().getAsInt();
                if (first >= n) {
                    throw new JobSpecException(spec.file(), "newRecordsFrom", "record " + first + " is past the " + n + " records of corpus " + spec.corpus());
                }
                state = state.withRecords(first, n);
            }
        } else {
            if (!Files.exists(spec.corpus().resolve("manifest.json"))) {
                throw new JobSpecException(spec.file(), "corpus", spec.corpus() + " holds no corpus (no manifest.json); the base's corpus is needed to append to");
            }
            try (Corpus corpus = Corpus.open(spec.corpus())) {
                if (state.recordsBefore() < 0) {
                    state = state.withRecordsBefore(corpus.records().size());
                    state.write(job);
                }
                int[] range = JobIngest.run(spec.ingest(), corpus, state.recordsBefore(), log);
                state = state.withRecords(range[0], range[1]);
            }
        }
        state.write(job);
        return state;
    }
}
