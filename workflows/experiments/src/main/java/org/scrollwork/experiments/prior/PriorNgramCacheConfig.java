package org.scrollwork.experiments.prior;

import java.util.List;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;

/**
 * Settings of {@link PriorNgramCacheExperiment} ({@code experiments/prior-ngram-cache.yaml}): the n-gram's order, the
 * cache n-gram's order, how many letters between recounts of the cache, and the cache weights tried on validation.
 */
public record PriorNgramCacheConfig(int order, int cacheOrder, int block, List<Double> weights) {

    public PriorNgramCacheConfig {
        InvalidSetting.atLeast("order", order, 1);
        InvalidSetting.atLeast("cacheOrder", cacheOrder, 1);
        InvalidSetting.atLeast("block", block, 1);
        weights = List.copyOf(InvalidSetting.nonEmpty("weights", weights));
        for (double w : weights) InvalidSetting.within("weights", w, 0, 1);
    }

    public static PriorNgramCacheConfig from(ExperimentConfig c) {
        return c.validated(() -> new PriorNgramCacheConfig(c.intValue("order", 8), c.intValue("cacheOrder", 8), c.intValue("block", 100),
                c.doubleList("weights", List.of(0.1, 0.15, 0.2, 0.3))));
    }
}
