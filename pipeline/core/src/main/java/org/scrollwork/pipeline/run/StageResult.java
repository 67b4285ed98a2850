package org.scrollwork.pipeline.run;

/**
 * What a finished stage wrote and measured: the content of its marker ({@code stages/NAME.json}, see {@link StageMarker})
 * besides the stage's name, when it finished and how long it took. Each stage has its own record, written and read with
 * Jackson under the marker's JSON keys (its component names); {@link Skipped} stands for a stage that did not apply.
 */
public sealed interface StageResult
        permits IngestResult, TrainResult, DistillResult, RenderResult, EvaluateResult, ReportResult, StageResult.Skipped {

    /** A stage that did not apply to the run, and why (the marker's {@code skipped}). */
    record Skipped(String skipped) implements StageResult {}
}
