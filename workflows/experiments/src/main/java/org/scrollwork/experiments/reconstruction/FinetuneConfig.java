package org.scrollwork.experiments.reconstruction;

import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;
import org.scrollwork.pipeline.TrainingDefaults;

/**
 * Settings of {@link FinetuneExperiment} ({@code experiments/finetune-vs-scratch.yaml}): steps of the finetune and scratch
 * runs, steps of the base model, the crop of each phantom, the AUNN's shape and batch, the evaluation interval (default a
 * sixteenth of the steps) and the index embedding.
 */
public record FinetuneConfig(int steps, int baseSteps, int crop, int width, int depth, int batch, int evalEvery, IndexEmbedding embedding) {

    public FinetuneConfig {
        InvalidSetting.atLeast("steps", steps, 1);
        InvalidSetting.atLeast("baseSteps", baseSteps, 1);
        InvalidSetting.atLeast("crop", crop, 2);
        InvalidSetting.atLeast("width", width, 1);
        InvalidSetting.atLeast("depth", depth, 1);
        InvalidSetting.atLeast("batch", batch, 1);
        InvalidSetting.atLeast("evalEvery", evalEvery, 1);
    }

    public static FinetuneConfig from(ExperimentConfig c) {
        return c.validated(() -> {
            int steps = c.intValue("steps", 400);
            return new FinetuneConfig(steps, c.intValue("baseSteps", 400), c.intValue("crop", 48), c.intValue("width", 64), c.intValue("depth", 3),
                    c.intValue("batch", 256), c.intValue("evalEvery", Math.max(1, steps / 16)), c.enumValue("embedding", IndexEmbedding.class, IndexEmbedding.BITS));
        });
    }

    /** Peak learning rate of all three runs: {@code scrollwork run}'s with the geometry embedding, else 2e-3. */
    public double lr() {
        return embedding == IndexEmbedding.GEOMETRY ? TrainingDefaults.LR : 2e-3;
    }
}
