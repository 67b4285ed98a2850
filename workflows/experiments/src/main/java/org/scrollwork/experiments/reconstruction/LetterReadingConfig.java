package org.scrollwork.experiments.reconstruction;

import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;

/** Settings of {@link LetterReadingExperiment} ({@code experiments/letter-reading.yaml}): the AUNN's training steps and batch size. */
public record LetterReadingConfig(int steps, int batch) {

    public LetterReadingConfig {
        InvalidSetting.atLeast("steps", steps, 1);
        InvalidSetting.atLeast("batch", batch, 1);
    }

    public static LetterReadingConfig from(ExperimentConfig c) {
        return c.validated(() -> new LetterReadingConfig(c.intValue("steps", 200), c.intValue("batch", 1024)));
    }
}
