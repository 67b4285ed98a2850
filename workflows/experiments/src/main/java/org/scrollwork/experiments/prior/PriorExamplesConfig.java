package org.scrollwork.experiments.prior;

import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;

/**
 * Settings of {@link PriorExamplesExperiment} ({@code experiments/prior-examples.yaml}): the model ({@link ModelSpec}), the
 * beam, how many of the fixed span lacunae to show, and whether to add each filling's per-letter costs.
 */
public record PriorExamplesConfig(ModelSpec model, int beam, int count, boolean detail) {

    public PriorExamplesConfig {
        InvalidSetting.atLeast("beam", beam, 1);
        if (count < 1 || count > RestorationSamples.SPANS) throw new InvalidSetting("count", "between 1 and " + RestorationSamples.SPANS, count);
    }

    public static PriorExamplesConfig from(ExperimentConfig c) {
        return c.validated(() -> new PriorExamplesConfig(ModelSpec.parse("model", c.stringValue("model", "8")), c.intValue("beam", 32), c.intValue("count", 40),
                c.booleanValue("detail", false)));
    }
}
