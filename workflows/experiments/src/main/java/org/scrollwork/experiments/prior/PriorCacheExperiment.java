package org.scrollwork.experiments.prior;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.DocumentCache;
import org.scrollwork.prior.RestorationEval;
import org.scrollwork.prior.Restorer;

/**
 * Restoration with a document cache (an n-gram counted on the rest of the lacuna's book) mixed in: span CER on
 * {@value RestorationSamples#CACHE_TUNING} validation spans for each weight, then test restoration without the cache
 * and with the best weight.
 *
 * <pre>bin/scrollwork experiment prior-cache --set model=8 --set cacheOrder=8 --set weights=0,0.1,0.2,0.3,0.5</pre>
 */
public final class PriorCacheExperiment implements Experiment {

    private static final int BEAM = RestorationSamples.BEAM, RIGHT = RestorationSamples.RIGHT;

    @Override public String name() { return "prior-cache"; }

    @Override public String summary() {
        return "language prior: restoration with a document cache mixed in, the weight chosen on validation spans";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) {
        PriorCacheConfig config = PriorCacheConfig.from(settings);
        PriorTexts texts = PriorTexts.load(progress);
        CharModel m = config.model().load(texts);
        int order = config.cacheOrder();
        List<String> val = texts.validation(), test = texts.test();
        List<RestorationEval.Placed> tuning = RestorationSamples.validationTuningSpans(texts);
        ResultTable tuned = new ResultTable(String.format(Locale.ROOT, "%s; document cache %d-gram", m.describe(), order),
                List.of("cache weight", "validation span CER %", "time s"), List.of(2, 1, 0));
        double bestW = 0, bestCer = Double.MAX_VALUE;
        for (double w : config.weights()) {
            progress.log("validation spans, cache weight " + w);
            long t0 = System.nanoTime();
            RestorationEval.Spans sp = RestorationEval.spans(tuning, RestorationEval.Placed::lacuna,
                    p -> new Restorer(DocumentCache.around(m, p.visible(val), order, w), BEAM, RIGHT));
            tuned.row(w, 100 * sp.cer(), (System.nanoTime() - t0) / 1e9);
            if (sp.cer() < bestCer) { bestCer = sp.cer(); bestW = w; }
        }
        List<RestorationEval.Placed> single = config.samples().placedSingleLetters(texts), span = config.samples().placedSpans(texts);
        ResultTable scored = new ResultTable(config.samples().describe(), List.of("cache weight", "letter top-1 %", "letter top-10 %", "letter top-20 %",
                "span CER %", "span top-1 %", "span top-20 %", "search errors %", "time s"), List.of(2, 1, 1, 1, 1, 1, 1, 1, 0));
        StringBuilder headline = new StringBuilder(m.describe() + " on the test books: ");
        for (double w : bestW == 0 ? new double[] {0} : new double[] {0, bestW}) {
            progress.log("test restoration, cache weight " + w);
            long t0 = System.nanoTime();
            RestorationEval.TopK k = RestorationEval.singleLetter(single, RestorationEval.Placed::lacuna,
                    p -> new Restorer(DocumentCache.around(m, p.visible(test), order, w), BEAM, RIGHT));
            RestorationEval.Spans sp = RestorationEval.spans(span, RestorationEval.Placed::lacuna,
                    p -> new Restorer(DocumentCache.around(m, p.visible(test), order, w), BEAM, RIGHT));
            scored.row(w, 100 * k.top1(), 100 * k.top10(), 100 * k.top20(), 100 * sp.cer(), 100 * sp.top1(), 100 * sp.top20(), 100 * sp.searchErrors(),
                    (System.nanoTime() - t0) / 1e9);
            headline.append(String.format(Locale.ROOT, "cache weight %.2f: span CER %.1f %%, letter top-1 %.1f %%. ", w, 100 * sp.cer(), 100 * k.top1()));
        }
        return new ExperimentResult(headline.toString().trim(), List.of(tuned, scored), Map.of(), Map.of());
    }
}
