package org.scrollwork.experiments.prior;

import static org.scrollwork.experiments.prior.LetterLogProbs.bits;
import static org.scrollwork.experiments.prior.LetterLogProbs.mix;
import static org.scrollwork.experiments.prior.LetterLogProbs.mixWeight;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharLmDynamicEvaluation;

/**
 * Two saved GRUs, each with dynamic evaluation (segment, lr), averaged with the weight chosen on validation: a neural
 * ensemble, no n-gram in it.
 *
 * <pre>bin/scrollwork experiment prior-ensemble --set model=charlm.swlm --set secondModel=charlm-1x512-n05.swlm --set segment=32 --set lr=0.1</pre>
 */
public final class PriorEnsembleExperiment implements Experiment {

    @Override public String name() { return "prior-ensemble"; }

    @Override public String summary() {
        return "language prior: two saved GRUs, both with dynamic evaluation, averaged with the weight chosen on validation";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) {
        PriorEnsembleConfig config = PriorEnsembleConfig.from(settings);
        PriorTexts texts = PriorTexts.load(progress);
        float lr = (float) config.lr();
        ResultTable table = new ResultTable("Two GRUs with dynamic evaluation, and their average", List.of("model", "validation", "test", "time s"), List.of(0, 3, 3, 0));
        try (CharLm a = CharLm.load(config.model()); CharLm b = CharLm.load(config.secondModel())) {
            List<List<double[]>> scores = new ArrayList<>();
            for (CharLm lm : List.of(a, b)) {
                progress.log("dynamic evaluation of " + lm.describe());
                long t0 = System.nanoTime();
                CharLmDynamicEvaluation d = new CharLmDynamicEvaluation(lm, config.segment(), lr);
                List<double[]> v = texts.validation().stream().map(d::textLetterLogProbs).toList(), t = texts.test().stream().map(d::textLetterLogProbs).toList();
                scores.add(v);
                scores.add(t);
                table.row(String.format(Locale.ROOT, "%s, dynamic (segment %d, lr %s)", lm.describe(), config.segment(), lr), bits(v), bits(t), (System.nanoTime() - t0) / 1e9);
            }
            double w = mixWeight(scores.get(0), scores.get(2));
            double test = bits(mix(w, scores.get(1), scores.get(3)));
            table.row(String.format(Locale.ROOT, "%.2f x first + %.2f x second, both dynamic", w, 1 - w), bits(mix(w, scores.get(0), scores.get(2))), test, "");
            String headline = String.format(Locale.ROOT, "%.2f x %s + %.2f x %s, both dynamic: %.3f bits per letter on the test books.", w, a.describe(), 1 - w,
                    b.describe(), test);
            return new ExperimentResult(headline, List.of(table), Map.of(), Map.of());
        }
    }
}
