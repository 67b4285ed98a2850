package org.scrollwork.experiments.prior;

import java.nio.file.Path;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;

/** Settings of {@link PriorContextExperiment} ({@code experiments/prior-context.yaml}): the saved GRU and the context window. */
public record PriorContextConfig(Path model, int window) {

    public PriorContextConfig {
        InvalidSetting.atLeast("window", window, 1);
    }

    public static PriorContextConfig from(ExperimentConfig c) {
        return c.validated(() -> new PriorContextConfig(c.pathValue("model", Path.of("charlm.swlm")), c.intValue("window", 64)));
    }
}
