package org.scrollwork.workflows.fiji;

import java.util.Locale;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.workflows.cli.TrainCommand;

/**
 * How the plugin trains: a small, quick AUNN by default (an interactive command should finish in
 * seconds to minutes on a laptop); the same model config as {@code scrollwork train}.
 */
public record TrainingSettings(int steps, int width, int depth, int batch, double lr, TrainingRun.ScheduleName schedule, long seed) {
    public static final TrainingSettings QUICK = new TrainingSettings(200, 128, 3, 512, 2e-3, TrainingRun.ScheduleName.RANDOM, 1);

    public TrainingSettings {
        if (steps < 1 || width < 1 || depth < 0 || batch < 1 || !(lr > 0)) {
            throw new IllegalArgumentException("steps, width and batch must be positive, depth >= 0, lr > 0: steps=" + steps + " width=" + width
                    + " depth=" + depth + " batch=" + batch + " lr=" + lr);
        }
    }

    /** The model config {@code scrollwork train} would use for these settings. */
    public AunnConfig config() { return TrainCommand.config(width, depth, batch, lr, steps, seed); }

    /**
     * Run options: an evaluation (2048 trained and 2048 held-out indices) every 5 steps or every
     * twentieth of the run, whichever is longer, a snapshot at each (so a cancelled run loses
     * nothing), no early stopping.
     */
    public TrainingRun.Options options() {
        int every = Math.min(steps, Math.max(5, steps / 20));
        return new TrainingRun.Options(steps, schedule, every, every, 2048);
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
