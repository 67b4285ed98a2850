package org.scrollwork.pipeline.run;

/** Where a {@link PipelineRun} reports: log lines (also written to the run's log) and progress of long stages. */
public interface RunListener {
    /** One line of the log. */
    void log(String line);

    /** A stage with progress begins: {@code done} of {@code total} units were done in {@code elapsedSeconds} before (a resumed stage). */
    default void stageStarted(String stage, long done, long total, double elapsedSeconds) {}

    /** Progress of a stage: {@code done} of {@code total} units, with a short message. */
    default void progress(String stage, long done, long total, String message) {}

    /** A stage with progress has ended (close its bar). */
    default void stageEnded(String stage) {}
}
