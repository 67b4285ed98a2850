package org.scrollwork.workflows.fiji;

import java.util.Locale;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.workflows.app.TrainingSettings;

/** The training fields of the plugin's dialogs, and the {@link TrainingSettings} they give. */
final class TrainingFields {
    private TrainingFields() {}

    /** Adds the training fields to a dialog, with defaults from {@code d}. */
    static Parameters addTo(Parameters p, TrainingSettings d) {
        String[] schedules = new String[TrainingRun.ScheduleName.values().length];
        for (int i = 0; i < schedules.length; i++) schedules[i] = TrainingRun.ScheduleName.values()[i].name().toLowerCase(Locale.ROOT);
        return p.number("steps", d.steps()).number("width of the MLP", d.width()).number("depth (residual blocks)", d.depth())
                .number("batch size", d.batch()).number("lr (peak learning rate)", d.lr())
                .choice("schedule", schedules, d.schedule().name().toLowerCase(Locale.ROOT)).number("seed", d.seed());
    }

    /** The settings a dialog gave. */
    static TrainingSettings from(Parameters.Values v) {
        return new TrainingSettings(v.integer("steps"), v.integer("width"), v.integer("depth"), v.integer("batch"), v.number("lr"),
                TrainingRun.ScheduleName.valueOf(v.required("schedule").toUpperCase(Locale.ROOT)), v.integer("seed"));
    }
}
