package org.scrollwork.experiments.prior;

import java.util.List;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;

/**
 * Settings of {@link PriorCacheExperiment} ({@code experiments/prior-cache.yaml}): the model ({@link ModelSpec}), the order
 * of the document cache, the cache weights tried on validation spans, and the restoration samples scored.
 */
public record PriorCacheConfig(ModelSpec model, int cacheOrder, List<Double> weights, RestorationSamples samples) {

    public PriorCacheConfig {
        InvalidSetting.atLeast("cacheOrder", cacheOrder, 1);
        weights = List.copyOf(InvalidSetting.nonEmpty("weights", weights));
        for (double w : weights) InvalidSetting.within("weights", w, 0, 1);
    }

    public static PriorCacheConfig from(ExperimentConfig c) {
        return c.validated(() -> new PriorCacheConfig(ModelSpec.parse("model", c.stringValue("model", "8")), c.intValue("cacheOrder", 8),
                c.doubleList("weights", List.of(0.0, 0.1, 0.2, 0.3, 0.5)), RestorationSamples.from(c)));
    }
}
