package org.scrollwork.experiments.prior;

import java.nio.file.Path;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;

/**
 * Settings of {@link PriorEnsembleExperiment} ({@code experiments/prior-ensemble.yaml}): the two saved GRUs, and the
 * segment length and learning rate of their dynamic evaluation.
 */
public record PriorEnsembleConfig(Path model, Path secondModel, int segment, double lr) {

    public PriorEnsembleConfig {
        InvalidSetting.atLeast("segment", segment, 1);
        InvalidSetting.positive("lr", lr);
    }

    public static PriorEnsembleConfig from(ExperimentConfig c) {
        return c.validated(() -> new PriorEnsembleConfig(c.pathValue("model", Path.of("charlm.swlm")), c.pathValue("secondModel", Path.of("charlm-1x512-n05.swlm")),
                c.intValue("segment", 32), c.doubleValue("lr", 0.1)));
    }
}
