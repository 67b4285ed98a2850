package org.scrollwork.experiments.prior;

import org.scrollwork.experiments.ExperimentConfig;

/** Settings of {@link PriorNgramExperiment} ({@code experiments/prior-ngram.yaml}): the restoration samples scored. */
public record PriorNgramConfig(RestorationSamples samples) {

    public static PriorNgramConfig from(ExperimentConfig c) {
        return c.validated(() -> new PriorNgramConfig(RestorationSamples.from(c)));
    }
}
