package org.scrollwork.experiments.prior;

import java.nio.file.Path;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;

/**
 * Settings of {@link PriorEvalExperiment} ({@code experiments/prior-eval.yaml}): the saved model (a GRU or an infill
 * transformer), the transformer's restoration beam, the restoration samples scored, and the texts they are drawn from.
 */
public record PriorEvalConfig(Path model, int beam, RestorationSamples samples, HeldOutTexts heldOut) {

    public PriorEvalConfig {
        InvalidSetting.atLeast("beam", beam, 1);
    }

    public static PriorEvalConfig from(ExperimentConfig c) {
        return c.validated(() -> new PriorEvalConfig(c.pathValue("model", Path.of("charlm.swlm")), c.intValue("beam", 16), RestorationSamples.from(c),
                HeldOutTexts.from(c)));
    }
}
