package org.scrollwork.workflows.fiji;

import java.util.Locale;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.TrainingRun;

/**
 * How the plugin trains: by default as {@code scrollwork run} and {@code train} do ({@link TrainingDefaults}: the
 * demo's region trains in seconds on a laptop).
 */
public record TrainingSettings(int steps, int width, int depth, int batch, double lr, TrainingRun.ScheduleName schedule, long seed) {
    public static final TrainingSettings QUICK = new TrainingSettings(TrainingDefaults.STEPS, TrainingDefaults.WIDTH, TrainingDefaults.DEPTH,
            TrainingDefaults.BATCH, TrainingDefaults.LR, TrainingRun.ScheduleName.RANDOM, 1);

    public TrainingSettings {
        if (steps < 1 || width < 1 || depth < 0 || batch < 1 || !(lr > 0)) {
            throw new IllegalArgumentException("steps, width and batch must be positive, depth >= 0, lr > 0: steps=" + steps + " width=" + width
                    + " depth=" + depth + " batch=" + batch + " lr=" + lr);
        }
    }

    /** The model config {@code scrollwork train} would use for these settings. */
    public AunnConfig config() { return TrainingDefaults.config(width, depth, batch, lr, steps, seed); }

    /**
     * Run options: evaluations as {@code scrollwork train} makes them ({@link TrainingDefaults#evalEvery}), a snapshot
     * at each (so a cancelled run loses nothing), no early stopping.
     */
    public TrainingRun.Options options() {
        int every = TrainingDefaults.evalEvery(steps);
        return new TrainingRun.Options(steps, schedule, every, every, TrainingDefaults.EVAL_SAMPLES, 0);
    }

    /** Adds the training fields to a dialog. */
    static Parameters addTo(Parameters p, TrainingSettings d) {
        String[] schedules = new String[TrainingRun.ScheduleName.values().length];
        for (int i = 0; i < schedules.length; i++) schedules[i] = TrainingRun.ScheduleName.values()[i].name().toLowerCase(Locale.ROOT);
        return p.number("steps", d.steps).number("width of the MLP", d.width).number("depth (residual blocks)", d.depth)
                .number("batch size", d.batch).number("lr (peak learning rate)", d.lr)
                .choice("schedule", schedules, d.schedule.name().toLowerCase(Locale.ROOT)).number("seed", d.seed);
    }

    /** The settings a dialog gave. */
    static TrainingSettings from(Parameters.Values v) {
        return new TrainingSettings(v.integer("steps"), v.integer("width"), v.integer("depth"), v.integer("batch"), v.number("lr"),
                TrainingRun.ScheduleName.valueOf(v.required("schedule").toUpperCase(Locale.ROOT)), v.integer("seed"));
    }
}
