package org.scrollwork.experiments.reconstruction;

import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;
import org.scrollwork.pipeline.TrainingDefaults;

/** Settings of {@link FusionExperiment} ({@code experiments/energy-fusion.yaml}): the training steps of each AUNN (the model is {@code scrollwork run}'s). */
public record FusionConfig(int steps) {

    public FusionConfig {
        InvalidSetting.atLeast("steps", steps, 1);
    }

    public static FusionConfig from(ExperimentConfig c) {
        return c.validated(() -> new FusionConfig(c.intValue("steps", TrainingDefaults.STEPS)));
    }
}
