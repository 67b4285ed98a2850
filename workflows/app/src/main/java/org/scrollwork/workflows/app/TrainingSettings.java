package org.scrollwork.workflows.app;

import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.TrainingRun;

/**
 * How to train, as the Fiji commands ask it: by default as {@code scrollwork run} and {@code train} do
 * ({@link TrainingDefaults}: the demo's region trains in seconds on a laptop).
 */
public record TrainingSettings(int steps, int width, int depth, int batch, double lr, TrainingRun.ScheduleName schedule, long seed) {
    public static final TrainingSettings QUICK = new TrainingSettings(TrainingDefaults.STEPS, TrainingDefaults.WIDTH, TrainingDefaults.DEPTH,
            TrainingDefaults.BATCH, TrainingDefaults.LR, TrainingDefaults.SCHEDULE, 1);

    public TrainingSettings {
        if (steps < 1 || width < 1 || depth < 0 || batch < 1 || !(lr > 0)) {
            throw new IllegalArgumentException("steps, width and batch must be positive, depth >= 0, lr > 0: steps=" + steps + " width=" + width
                    + " depth=" + depth + " batch=" + batch + " lr=" + lr);
        }
    }

    /** The model config {@code scrollwork train} would use for these settings. */
    public AunnConfig config() { return TrainingDefaults.config(width, depth, batch, lr, steps, seed); }

    /**
     * Run options for {@link #config()}'s {@code steps}: evaluations as {@code scrollwork train} makes them
     * ({@link TrainingDefaults#evalEvery}), a snapshot at each (so a cancelled run loses nothing), no early stopping.
     */
    public TrainingRun.Options options() {
        int every = TrainingDefaults.evalEvery(steps);
        return new TrainingRun.Options(schedule, every, every, TrainingDefaults.EVAL_SAMPLES, 0);
    }

    /** The same settings with another width and depth (those of a model to start from). */
    public TrainingSettings withShape(int width, int depth) { return new TrainingSettings(steps, width, depth, batch, lr, schedule, seed); }
}
