package org.scrollwork.experiments.distill;

import java.nio.file.Path;
import java.util.Optional;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;

/**
 * Settings of {@link DistillExperiment} ({@code experiments/distill.yaml}): letters of the SBLGNT test books in the
 * corpus, AUNN training steps, distillation steps, GRU training steps, and a saved GRU to use instead of training one.
 */
public record DistillConfig(int letters, int aunnSteps, int distillSteps, int lmSteps, Optional<Path> lm) {

    public DistillConfig {
        InvalidSetting.atLeast("letters", letters, 1);
        InvalidSetting.atLeast("aunnSteps", aunnSteps, 1);
        InvalidSetting.atLeast("distillSteps", distillSteps, 1);
        InvalidSetting.atLeast("lmSteps", lmSteps, 1);
    }

    public static DistillConfig from(ExperimentConfig c) {
        return c.validated(() -> new DistillConfig(c.intValue("letters", 3000), c.intValue("aunnSteps", 1500), c.intValue("distillSteps", 300),
                c.intValue("lmSteps", 600), c.optionalPath("lm")));
    }
}
