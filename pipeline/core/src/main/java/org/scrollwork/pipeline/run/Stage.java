package org.scrollwork.pipeline.run;

import java.util.Optional;

/**
 * One stage of a {@link PipelineRun}: reads earlier stages' outputs in the run directory, writes its own there.
 *
 * @param <R> what it wrote and measured, its marker's content
 */
interface Stage<R extends StageResult> {
    /** The stage's name in the log and its marker. */
    String name();

    /** The record of its result, to read its marker back. */
    Class<R> resultType();

    /** Why the stage does not apply to this run (e.g. no text to distil on), or empty when it runs. */
    default Optional<String> notApplicable(StageContext ctx) { return Optional.empty(); }

    /**
     * Runs the stage from scratch or resumes it from its partial outputs. Returns what it wrote and measured (the
     * marker's content): paths relative to the run directory, finite numbers.
     */
    R run(StageContext ctx);
}
