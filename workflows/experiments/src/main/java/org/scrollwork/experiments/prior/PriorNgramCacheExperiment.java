package org.scrollwork.experiments.prior;

import static org.scrollwork.experiments.prior.LetterLogProbs.bits;
import static org.scrollwork.experiments.prior.LetterLogProbs.mix;

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
import org.scrollwork.prior.NgramModel;

/**
 * The fair dynamic baseline for the GRU's dynamic evaluation: the ORDER-gram mixed with a cache CACHE_ORDER-gram counted
 * on the letters of the same book read so far (recounted every {@code block} letters, so a letter is predicted by a cache
 * of at most the letters before its block: causal, and a little weaker than recounting at every letter). The weight is
 * chosen on validation.
 *
 * <pre>bin/scrollwork experiment prior-ngram-cache --set order=8 --set cacheOrder=8 --set block=100 --set weights=0.1,0.15,0.2,0.3</pre>
 */
public final class PriorNgramCacheExperiment implements Experiment {

    @Override public String name() { return "prior-ngram-cache"; }

    @Override public String summary() {
        return "language prior: the n-gram mixed with a causal cache n-gram on the book read so far (the fair baseline for dynamic evaluation)";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) {
        PriorNgramCacheConfig config = PriorNgramCacheConfig.from(settings);
        PriorTexts texts = PriorTexts.load(progress);
        NgramModel base = NgramModel.train(texts.train(), config.order());
        List<double[]> bv = texts.validation().stream().map(base::textLetterLogProbs).toList(), bt = texts.test().stream().map(base::textLetterLogProbs).toList();
        List<double[]> cv = causalCache(texts.validation(), config.cacheOrder(), config.block(), bv), ct = causalCache(texts.test(), config.cacheOrder(), config.block(), bt);
        ResultTable table = new ResultTable(String.format(Locale.ROOT, "%s; cache %d-gram recounted every %d letters", base.describe(), config.cacheOrder(), config.block()),
                List.of("cache weight", "validation", "test"), List.of(2, 3, 3));
        double best = 0, bestBits = Double.MAX_VALUE;
        for (double w : config.weights()) {
            double v = bits(mix(w, cv, bv));
            table.row(w, v, bits(mix(w, ct, bt)));
            if (v < bestBits) { bestBits = v; best = w; }
        }
        String headline = String.format(Locale.ROOT, "best on validation: weight %s, validation %.3f, test %.3f (static %.3f / %.3f)", best, bestBits,
                bits(mix(best, ct, bt)), bits(bv), bits(bt));
        return new ExperimentResult(headline, List.of(table), Map.of(), Map.of());
    }

    /** ln P of every letter under a cache counted on the book's letters before the letter's block (the static score in the first block). */
    private static List<double[]> causalCache(List<String> texts, int cacheOrder, int block, List<double[]> staticScores) {
        List<double[]> out = new ArrayList<>();
        for (int t = 0; t < texts.size(); t++) {
            String text = texts.get(t);
            double[] lp = staticScores.get(t).clone();
            for (int from = block; from < text.length(); from += block) {
                int to = Math.min(text.length(), from + block);
                NgramModel cache = NgramModel.train(List.of(text.substring(0, from)), cacheOrder);
                double[] c = cache.suffixLetterLogProbs(text.substring(Math.max(0, from - cacheOrder), from), List.of(text.substring(from, to)))[0];
                System.arraycopy(c, 0, lp, from, to - from);
            }
            out.add(lp);
        }
        return out;
    }
}
