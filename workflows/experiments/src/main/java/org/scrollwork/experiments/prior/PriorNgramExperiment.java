package org.scrollwork.experiments.prior;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.prior.NgramModel;

/**
 * n-gram orders 1–8 on the SBLGNT split (docs/language-prior.md): validation and test bits per letter of each, then
 * restoration rows for orders 5, 6 and the best by validation.
 *
 * <pre>bin/scrollwork experiment prior-ngram</pre>
 */
public final class PriorNgramExperiment implements Experiment {

    @Override public String name() { return "prior-ngram"; }

    @Override public String summary() {
        return "language prior: modified Kneser-Ney n-grams of orders 1-8 on the SBLGNT, bits per letter and restoration";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) {
        PriorNgramConfig config = PriorNgramConfig.from(settings);
        PriorTexts texts = PriorTexts.load(progress);
        progress.log("n-gram orders 1-8");
        NgramOrders.Scored orders = NgramOrders.score(texts);
        RestorationTable restoration = new RestorationTable(texts, config.samples());
        for (int n : new int[] {5, 6}) {
            progress.log("restoration with the " + n + "-gram");
            restoration.add(NgramModel.train(texts.train(), n));
        }
        progress.log("restoration with the best order");
        restoration.add(orders.best());
        String headline = String.format(Locale.ROOT, "%s. The best order by validation: %s, %.3f bits per letter on the test books.",
                texts.description(), orders.best().describe(), orders.best().bitsPerChar(texts.test()));
        return new ExperimentResult(headline, List.of(orders.table(), restoration.table()), Map.of(), Map.of());
    }
}
