package org.scrollwork.experiments.prior;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharLmConfig;
import org.scrollwork.prior.CharLmTraining;

/**
 * Trains a GRU on the SBLGNT train books (batch 32 windows of 128 letters, Adam, cosine schedule, early stopping on
 * validation every 250 steps; optional input noise and AdamW weight decay), saves it, then scores it as
 * {@link PriorEvalExperiment} does.
 *
 * <pre>bin/scrollwork experiment prior-train [--set steps=2500 --set hidden=384 --set layers=2 --set dropout=0.4 --set lr=0.005 --set out=charlm.swlm --set noise=0.05 --set weightDecay=0]</pre>
 */
public final class PriorTrainExperiment implements Experiment {

    @Override public String name() { return "prior-train"; }

    @Override public String summary() {
        return "language prior: trains a GRU on the SBLGNT train books, saves it, and scores it alone and mixed with the best n-gram";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) {
        PriorTrainConfig config = PriorTrainConfig.from(settings);
        PriorTexts texts = PriorTexts.load(progress);
        CharLmConfig model = CharLmConfig.of(config.hidden(), config.layers(), (float) config.dropout());
        CharLmTraining training = new CharLmTraining(config.steps(), 32, 128, (float) config.lr(), 1, (float) config.noise(), (float) config.weightDecay());
        long t0 = System.nanoTime();
        try (CharLm lm = CharLm.train(texts.train(), texts.validation(), model, training, progress::log)) {
            double secs = (System.nanoTime() - t0) / 1e9;
            lm.save(config.out());
            String trained = String.format(Locale.ROOT, "trained %s in %.0f s (%d steps), saved to %s", lm.describe(), secs, training.steps(), config.out());
            progress.log(trained);
            return new ExperimentResult(trained + ".", List.of(PriorEvalExperiment.withNgram(texts, config.samples(), lm)), Map.of(), Map.of());
        }
    }
}
