package org.scrollwork.experiments.prior;

import java.nio.file.Path;
import java.util.List;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;

/**
 * Settings of {@link PriorDynamicExperiment} ({@code experiments/prior-dynamic.yaml}): the saved GRU, the segment length
 * of dynamic evaluation, the learning rates tried on validation, and whether the adaptation carries from book to book.
 */
public record PriorDynamicConfig(Path model, int segment, List<Double> lrs, boolean carry) {

    public PriorDynamicConfig {
        InvalidSetting.atLeast("segment", segment, 1);
        lrs = List.copyOf(InvalidSetting.nonEmpty("lrs", lrs));
        for (double lr : lrs) InvalidSetting.positive("lrs", lr);
    }

    public static PriorDynamicConfig from(ExperimentConfig c) {
        return c.validated(() -> new PriorDynamicConfig(c.pathValue("model", Path.of("charlm.swlm")), c.intValue("segment", 32),
                c.doubleList("lrs", List.of(0.1, 0.2, 0.3)), c.booleanValue("carry", false)));
    }
}
