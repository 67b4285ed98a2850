package org.scrollwork.prior;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How a training run tells of itself: every step to the progress callback, a line to the log on the steps the caller
 * says (the {@link TrainingSchedule}'s log steps and the steps with a validation measurement), and a line when it
 * resumes from a checkpoint.
 *
 * @param log the log
 * @param progress the callback told of every step
 * @param unit the unit of the training and validation losses in log lines ("bits/char")
 */
record TrainingReport(Consumer<String> log, Consumer<CharLmProgress> progress, String unit) {

    /** Logs that the run resumes from {@code file} with {@code step} of {@code steps} steps done. */
    void resuming(Path file, int step, int steps) {
        log.accept(String.format("resuming from %s at step %d/%d", file, step, steps));
    }

    /**
     * Reports step {@code p}, and logs it if {@code line}; {@code measured}: the validation texts were measured after it.
     */
    void step(CharLmProgress p, boolean measured, boolean line) {
        progress.accept(p);
        if (!line) return;
        String val = measured ? String.format("  validation %.3f%s", p.validationBits(), p.best() ? " (best)" : "") : "";
        log.accept(String.format("step %d/%d  train %.3f %s%s  %.0f s", p.step(), p.steps(), p.trainBits(), unit, val, p.seconds()));
    }
}
