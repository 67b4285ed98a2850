package org.scrollwork.experiments.prior;

import java.nio.file.Path;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;

/**
 * Settings of {@link PriorTrainExperiment} ({@code experiments/prior-train.yaml}): the GRU's training steps, hidden size,
 * layers, dropout, peak learning rate, output file, input noise and AdamW weight decay (defaults: the default GRU of
 * {@code scrollwork lm train}), and the restoration samples scored.
 */
public record PriorTrainConfig(int steps, int hidden, int layers, double dropout, double lr, Path out, double noise, double weightDecay,
                               RestorationSamples samples) {

    public PriorTrainConfig {
        InvalidSetting.atLeast("steps", steps, 1);
        InvalidSetting.atLeast("hidden", hidden, 1);
        InvalidSetting.atLeast("layers", layers, 1);
        InvalidSetting.within("dropout", dropout, 0, 0.99);
        InvalidSetting.positive("lr", lr);
        InvalidSetting.nonNegative("noise", noise);
        InvalidSetting.nonNegative("weightDecay", weightDecay);
    }

    public static PriorTrainConfig from(ExperimentConfig c) {
        return c.validated(() -> new PriorTrainConfig(c.intValue("steps", 2500), c.intValue("hidden", 384), c.intValue("layers", 2),
                c.doubleValue("dropout", 0.4), c.doubleValue("lr", 0.005), c.pathValue("out", Path.of("charlm.swlm")), c.doubleValue("noise", 0.05),
                c.doubleValue("weightDecay", 0), RestorationSamples.from(c)));
    }
}
