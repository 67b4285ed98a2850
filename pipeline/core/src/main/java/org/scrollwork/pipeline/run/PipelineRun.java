package org.scrollwork.pipeline.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scrollwork.pipeline.Progress;

/**
 * The whole pipeline on one scan in one run directory: ingest → train → distill → render → evaluate → report. Each stage
 * reads earlier stages' outputs from the directory and writes its own there, then a marker ({@link RunDirectory}); a
 * rerun on the same directory skips finished stages (saying so in the log) and resumes the first unfinished one from
 * its own outputs (training from its last snapshot; the others start over).
 */
public final class PipelineRun {
    /** Stage names in order. */
    public static final List<String> STAGES = List.of(IngestStage.NAME, TrainStage.NAME, PriorStage.NAME, RenderStage.NAME, EvaluateStage.NAME, ReportStage.NAME);

    private static final List<Stage<?>> ORDER = List.of(new IngestStage(), new TrainStage(), new PriorStage(), new RenderStage(), new EvaluateStage(), new ReportStage());

    private PipelineRun() {}

    /** What a run did: each stage's marker (in order), and the report page. */
    public record Outcome(Path directory, Map<String, StageMarker> stages, Path report) {
        /** The result of the stage that gives {@code type}, empty when it was skipped. */
        public <R extends StageResult> Optional<R> result(Class<R> type) {
            return stages.values().stream().map(m -> m.result(type)).flatMap(Optional::stream).findFirst();
        }
    }

    /** The record of a stage's result. */
    static Class<? extends StageResult> resultType(String stage) {
        for (Stage<?> s : ORDER) if (s.name().equals(stage)) return s.resultType();
        throw new IllegalArgumentException("no stage " + stage + " (stages: " + STAGES + ")");
    }

    /**
     * Runs (or continues) the pipeline in {@code dir}, reporting log lines (also written to the run's log) and the
     * progress of long stages to {@code progress}.
     *
     * @throws IllegalArgumentException if {@code dir} was started with another config
     */
    public static Outcome run(Path dir, RunConfig config, Progress progress) {
        RunDirectory d = new RunDirectory(dir);
        d.bindConfig(config);
        StageContext ctx = new StageContext(d, config, progress);
        ctx.log("run " + dir.toAbsolutePath() + ": config " + dir.resolve(RunDirectory.CONFIG));
        Map<String, StageMarker> done = new LinkedHashMap<>();
        for (Stage<?> s : ORDER) {
            Optional<StageMarker> marker = d.finished(s.name());
            if (marker.isPresent()) {
                ctx.log("stage " + s.name() + ": finished earlier, skipped (" + d.marker(s.name()) + ")");
                done.put(s.name(), marker.get());
                continue;
            }
            Optional<String> why = s.notApplicable(ctx);
            if (why.isPresent()) {
                ctx.log("stage " + s.name() + ": not applicable, " + why.get());
                d.finish(s.name(), new StageResult.Skipped(why.get()), null);
            } else {
                ctx.log("stage " + s.name() + ": started");
                long t0 = System.nanoTime();
                StageResult result = s.run(ctx);
                double seconds = (System.nanoTime() - t0) / 1e9;
                ctx.log(String.format("stage %s: finished in %.1f s", s.name(), seconds));
                d.finish(s.name(), result, seconds);
            }
            done.put(s.name(), d.finished(s.name()).orElseThrow()); // read back: a marker a rerun could not resume from fails now
        }
        return new Outcome(dir, done, d.report().resolve(org.scrollwork.pipeline.report.ReconstructionReport.HTML));
    }
}
