package org.scrollwork.pipeline.run;

import java.util.Optional;
import org.scrollwork.pipeline.Progress;

/** What a stage sees: the run directory, its config, where it reports progress, and earlier stages' results. */
record StageContext(RunDirectory dir, RunConfig config, Progress progress) {

    /** An earlier stage's marker; that stage has finished (stages run in order). */
    StageMarker marker(String stage) {
        return dir.finished(stage).orElseThrow(() -> new IllegalStateException("stage " + stage + " has not finished in " + dir.path()));
    }

    /** The ingest stage's result. */
    IngestResult ingest() { return ran(IngestStage.NAME, IngestResult.class); }

    /** The train stage's result. */
    TrainResult train() { return ran(TrainStage.NAME, TrainResult.class); }

    /** The distill stage's result, empty when it did not apply (or has not finished). */
    Optional<DistillResult> distill() { return dir.finished(PriorStage.NAME).flatMap(m -> m.result(DistillResult.class)); }

    /** The render stage's result. */
    RenderResult render() { return ran(RenderStage.NAME, RenderResult.class); }

    /** The evaluate stage's result. */
    EvaluateResult evaluate() { return ran(EvaluateStage.NAME, EvaluateResult.class); }

    private <R extends StageResult> R ran(String stage, Class<R> type) {
        return marker(stage).result(type).orElseThrow(() -> new IllegalStateException("stage " + stage + " did not run in " + dir.path()));
    }

    /** The text record id from the ingest stage, or -1 when the run has no text. */
    int textRecord() { return ingest().textRecordOrNone(); }

    int volumeRecord() { return ingest().volumeRecord(); }

    void log(String line) {
        dir.log(line);
        progress.log(line);
    }

    String relative(java.nio.file.Path p) { return dir.path().toAbsolutePath().relativize(p.toAbsolutePath()).toString(); }
}
