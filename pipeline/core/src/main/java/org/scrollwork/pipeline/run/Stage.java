package org.scrollwork.pipeline.run;

import java.util.Map;
import java.util.Optional;

/** One stage of a {@link PipelineRun}: reads earlier stages' outputs in the run directory, writes its own there. */
interface Stage {
    /** The stage's name in the log and its marker. */
    String name();

    /** Why the stage does not apply to this run (e.g. no text to distil on), or empty when it runs. */
    default Optional<String> notApplicable(StageContext ctx) { return Optional.empty(); }

    /**
     * Runs the stage from scratch or resumes it from its partial outputs. Returns what it wrote and measured (the
     * marker's content): paths relative to the run directory, finite numbers.
     */
    Map<String, Object> run(StageContext ctx);
}
