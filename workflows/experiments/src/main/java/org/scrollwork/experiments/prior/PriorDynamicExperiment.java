package org.scrollwork.experiments.prior;

import static org.scrollwork.experiments.prior.LetterLogProbs.bits;
import static org.scrollwork.experiments.prior.LetterLogProbs.mix;
import static org.scrollwork.experiments.prior.LetterLogProbs.mixWeight;

import java.nio.file.Path;
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
import org.scrollwork.prior.NgramModel;

/**
 * Dynamic evaluation of a saved GRU: validation bits for every learning rate, then static and dynamic test bits with
 * the best one, and both mixed with the best n-gram (weights chosen on validation, the dynamic one with the dynamic scores).
 *
 * <pre>bin/scrollwork experiment prior-dynamic --set model=charlm.swlm --set segment=32 --set lrs=0.1,0.2,0.3 [--set carry=true]</pre>
 */
public final class PriorDynamicExperiment implements Experiment {

    @Override public String name() { return "prior-dynamic"; }

    @Override public String summary() {
        return "language prior: a saved GRU with dynamic evaluation (learning rate chosen on validation), alone and mixed with the best n-gram";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) {
        PriorDynamicConfig config = PriorDynamicConfig.from(settings);
        PriorTexts texts = PriorTexts.load(progress);
        List<String> val = texts.validation(), test = texts.test();
        int segment = config.segment();
        boolean carry = config.carry();
        try (CharLm lm = CharLm.load(config.model())) {
            NgramModel ngram = NgramOrders.best(texts);
            List<double[]> ngVal = val.stream().map(ngram::textLetterLogProbs).toList();
            List<double[]> ngTest = test.stream().map(ngram::textLetterLogProbs).toList();
            List<double[]> stVal = val.stream().map(lm::textLetterLogProbs).toList();
            List<double[]> stTest = test.stream().map(lm::textLetterLogProbs).toList();
            String statics = String.format(Locale.ROOT, "%s static: validation %.3f, test %.3f; %s: validation %.3f, test %.3f", lm.describe(),
                    bits(stVal), bits(stTest), ngram.describe(), bits(ngVal), bits(ngTest));
            progress.log(statics);
            ResultTable rates = new ResultTable("Dynamic evaluation on validation; " + statics, List.of("segment", "lr", "validation bits", "time s"), List.of(0, 3, 3, 0));
            float bestLr = 0;
            double best = Double.MAX_VALUE;
            List<double[]> bestVal = null;
            for (double rate : config.lrs()) {
                float lr = (float) rate;
                long t0 = System.nanoTime();
                CharLmDynamicEvaluation d = new CharLmDynamicEvaluation(lm, segment, lr);
                List<double[]> v = carry ? d.carriedLetterLogProbs(val) : val.stream().map(d::textLetterLogProbs).toList();
                double b = bits(v);
                rates.row(segment, rate, b, (System.nanoTime() - t0) / 1e9);
                if (b < best) { best = b; bestLr = lr; bestVal = v; }
            }
            progress.log("test pass with lr " + bestLr);
            long t0 = System.nanoTime();
            CharLmDynamicEvaluation d = new CharLmDynamicEvaluation(lm, segment, bestLr);
            List<double[]> dynTest = carry ? d.carriedLetterLogProbs(test) : test.stream().map(d::textLetterLogProbs).toList();
            double secs = (System.nanoTime() - t0) / 1e9;
            double wStatic = mixWeight(stVal, ngVal), wDyn = mixWeight(bestVal, ngVal);
            ResultTable models = new ResultTable("Static and dynamic bits per letter", List.of("model", "validation", "test"));
            models.row(ngram.describe(), bits(ngVal), bits(ngTest));
            models.row(lm.describe() + ", static", bits(stVal), bits(stTest));
            models.row(String.format(Locale.ROOT, "%s, dynamic%s (segment %d, lr %s; test %.0f s)", lm.describe(), carry ? ", books as one stream" : "", segment, bestLr, secs),
                    best, bits(dynTest));
            models.row(String.format(Locale.ROOT, "%.2f x static + %.2f x n-gram", wStatic, 1 - wStatic), bits(mix(wStatic, stVal, ngVal)), bits(mix(wStatic, stTest, ngTest)));
            models.row(String.format(Locale.ROOT, "%.2f x dynamic + %.2f x n-gram", wDyn, 1 - wDyn), bits(mix(wDyn, bestVal, ngVal)), bits(mix(wDyn, dynTest, ngTest)));
            String headline = String.format(Locale.ROOT, "%s: %.3f bits per letter on the test books static, %.3f dynamic (lr %s chosen on validation).",
                    lm.describe(), bits(stTest), bits(dynTest), bestLr);
            return new ExperimentResult(headline, List.of(rates, models), Map.of(), Map.of());
        }
    }
}
