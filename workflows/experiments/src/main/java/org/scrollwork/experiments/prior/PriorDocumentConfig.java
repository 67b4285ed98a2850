package org.scrollwork.experiments.prior;

import java.util.List;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;

/**
 * Settings of {@link PriorDocumentExperiment} ({@code experiments/prior-document.yaml}): the saved GRU, optionally mixed
 * with an n-gram ({@code FILE} or {@code FILE+ORDER}), the segment and learning rate of its adaptation to each book, the
 * document cache weights (one: used as is; several: the best on validation spans) and the cache's order, and the
 * restoration samples scored.
 */
public record PriorDocumentConfig(ModelSpec model, int segment, double lr, List<Double> cacheWeights, int cacheOrder, RestorationSamples samples) {

    public PriorDocumentConfig {
        if (model.file().isEmpty()) throw new InvalidSetting("model", "a saved GRU, FILE or FILE+ORDER", model);
        InvalidSetting.atLeast("segment", segment, 1);
        InvalidSetting.positive("lr", lr);
        cacheWeights = List.copyOf(InvalidSetting.nonEmpty("cacheWeights", cacheWeights));
        for (double w : cacheWeights) InvalidSetting.within("cacheWeights", w, 0, 1);
        InvalidSetting.atLeast("cacheOrder", cacheOrder, 1);
    }

    public static PriorDocumentConfig from(ExperimentConfig c) {
        return c.validated(() -> new PriorDocumentConfig(ModelSpec.parse("model", c.stringValue("model", "charlm.swlm")), c.intValue("segment", 32),
                c.doubleValue("lr", 0.1), c.doubleList("cacheWeights", List.of(0.2, 0.3, 0.5)), c.intValue("cacheOrder", 8), RestorationSamples.from(c)));
    }

    /** The order of the n-gram the GRU is mixed with; 0: none. */
    int order() {
        return model.order().orElse(0);
    }
}
