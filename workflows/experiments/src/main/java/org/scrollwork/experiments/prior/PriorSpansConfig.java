package org.scrollwork.experiments.prior;

import java.util.List;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;

/**
 * Settings of {@link PriorSpansExperiment} ({@code experiments/prior-spans.yaml}): the model ({@link ModelSpec}), the beam
 * widths (one table each) and how many of the fixed span lacunae are restored.
 */
public record PriorSpansConfig(ModelSpec model, List<Integer> beams, int spans) {

    public PriorSpansConfig {
        beams = List.copyOf(InvalidSetting.nonEmpty("beams", beams));
        for (int beam : beams) InvalidSetting.atLeast("beams", beam, 1);
        if (spans < 1 || spans > RestorationSamples.SPANS) throw new InvalidSetting("spans", "between 1 and " + RestorationSamples.SPANS, spans);
    }

    public static PriorSpansConfig from(ExperimentConfig c) {
        return c.validated(() -> new PriorSpansConfig(ModelSpec.parse("model", c.stringValue("model", "8")), c.intList("beams", List.of(32)),
                c.intValue("spans", RestorationSamples.SPANS)));
    }
}
