package org.scrollwork.experiments.prior;

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
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.DocumentCache;
import org.scrollwork.prior.InterpolatedModel;
import org.scrollwork.prior.NgramModel;
import org.scrollwork.prior.RestorationEval;
import org.scrollwork.prior.Restorer;

/**
 * Restoration with each test book in view: for each book, the GRU is adapted by dynamic evaluation (segment, lr) to the
 * book's letters with every sampled lacuna cut out, then the book's lacunae are restored with the adapted GRU (mixed
 * with the ORDER-gram at the weight chosen on validation for the static GRU, if the model is {@code FILE+ORDER}) and a
 * document cache of {@code cacheOrder} on the book around each lacuna. With several cache weights, each is tried on
 * {@value RestorationSamples#CACHE_TUNING} spans of the validation books (adapted the same way) and the best goes to the test books.
 *
 * <pre>bin/scrollwork experiment prior-document --set model=charlm.swlm --set segment=32 --set lr=0.1 --set cacheWeights=0.2,0.3,0.5 --set cacheOrder=8</pre>
 */
public final class PriorDocumentExperiment implements Experiment {

    @Override public String name() { return "prior-document"; }

    @Override public String summary() {
        return "language prior: restoration with the GRU adapted to each test book (its lacunae cut out), optionally with a document cache";
    }

    /** Letter top-1/10/20 over the one-letter lacunae; span CER, top-1, top-20 and search errors over the spans. */
    private record Scores(double top1, double top10, double top20, double spanCer, double spanTop1, double spanTop20, double searchErrors) {}

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) {
        PriorDocumentConfig config = PriorDocumentConfig.from(settings);
        PriorTexts texts = PriorTexts.load(progress);
        List<String> train = texts.train(), val = texts.validation(), test = texts.test();
        int order = config.order(), segment = config.segment(), cacheOrder = config.cacheOrder();
        float lr = (float) config.lr();
        List<Double> cacheWeights = config.cacheWeights();
        List<ResultTable> tables = new ArrayList<>();
        try (CharLm lm = CharLm.load(config.model().file().orElseThrow())) {
            NgramModel ngram = order > 0 ? NgramModel.train(train, order) : null;
            double w = order > 0 ? InterpolatedModel.tuneWeight(lm, ngram, val) : 1;
            CharLmDynamicEvaluation dyn = new CharLmDynamicEvaluation(lm, segment, lr);
            String setup = String.format(Locale.ROOT, "%s adapted to each book (segment %d, lr %s)%s; document cache %d-gram", lm.describe(), segment, lr,
                    order > 0 ? String.format(Locale.ROOT, ", mixed %.2f : %.2f with the %d-gram", w, 1 - w, order) : "", cacheOrder);
            progress.log(setup);
            double best = cacheWeights.get(0);
            if (cacheWeights.size() > 1) {
                List<RestorationEval.Placed> tuning = RestorationSamples.validationTuningSpans(texts);
                ResultTable tuned = new ResultTable(setup + ": cache weight on validation spans", List.of("cache weight", "validation span CER %", "time s"),
                        List.of(2, 1, 0));
                double bestCer = Double.MAX_VALUE;
                for (double cw : cacheWeights) {
                    progress.log("validation spans, cache weight " + cw);
                    long t0 = System.nanoTime();
                    double cer = restoreInDocuments(val, List.of(), tuning, dyn, ngram, w, cw, cacheOrder).spanCer();
                    tuned.row(cw, 100 * cer, (System.nanoTime() - t0) / 1e9);
                    if (cer < bestCer) { bestCer = cer; best = cw; }
                }
                tables.add(tuned);
            }
            List<RestorationEval.Placed> single = config.samples().placedSingleLetters(texts), span = config.samples().placedSpans(texts);
            progress.log("test books, cache weight " + best);
            long t0 = System.nanoTime();
            Scores m = restoreInDocuments(test, single, span, dyn, ngram, w, best, cacheOrder);
            ResultTable scored = new ResultTable(setup + ". " + config.samples().describe(), List.of("cache weight", "letter top-1 %", "letter top-10 %",
                    "letter top-20 %", "span CER %", "span top-1 %", "span top-20 %", "search errors %", "time s"), List.of(2, 1, 1, 1, 1, 1, 1, 1, 0));
            scored.row(best, 100 * m.top1(), 100 * m.top10(), 100 * m.top20(), 100 * m.spanCer(), 100 * m.spanTop1(), 100 * m.spanTop20(), 100 * m.searchErrors(),
                    (System.nanoTime() - t0) / 1e9);
            tables.add(scored);
            String headline = String.format(Locale.ROOT, "%s, cache weight %.2f: on the test books letter top-1 %.1f %%, span CER %.1f %%, span top-1 %.1f %%.",
                    setup, best, 100 * m.top1(), 100 * m.spanCer(), 100 * m.spanTop1());
            return new ExperimentResult(headline, tables, Map.of(), Map.of());
        }
    }

    /**
     * Restores the lacunae of each text with the GRU adapted to that text (its sampled lacunae cut out): letter top-1,
     * top-10, top-20 over {@code single}, span CER, top-1, top-20 and search errors over {@code span}.
     */
    private static Scores restoreInDocuments(List<String> texts, List<RestorationEval.Placed> single, List<RestorationEval.Placed> span,
                                               CharLmDynamicEvaluation dyn, NgramModel ngram, double w, double cacheWeight, int cacheOrder) {
        double k1 = 0, k10 = 0, k20 = 0, dist = 0, letters = 0, s1 = 0, s20 = 0, searchErr = 0;
        for (int d = 0; d < texts.size(); d++) {
            final int doc = d;
            List<RestorationEval.Placed> ds = single.stream().filter(p -> p.text() == doc).toList();
            List<RestorationEval.Placed> dp = span.stream().filter(p -> p.text() == doc).toList();
            if (ds.isEmpty() && dp.isEmpty()) continue;
            List<String> pieces = cutOut(texts.get(d), java.util.stream.Stream.concat(ds.stream(), dp.stream()).toList());
            double[] res = dyn.withAdaptation(pieces, adapted -> {
                CharModel base = ngram == null ? adapted : new InterpolatedModel(adapted, ngram, w);
                java.util.function.Function<RestorationEval.Placed, Restorer> restorer =
                        p -> new Restorer(DocumentCache.around(base, p.visible(texts), cacheOrder, cacheWeight), RestorationSamples.BEAM, RestorationSamples.RIGHT);
                RestorationEval.TopK k = ds.isEmpty() ? new RestorationEval.TopK(0, 0, 0, 0)
                        : RestorationEval.singleLetter(ds, RestorationEval.Placed::lacuna, restorer);
                RestorationEval.Spans sp = dp.isEmpty() ? new RestorationEval.Spans(0, 0, 0, 0, 0)
                        : RestorationEval.spans(dp, RestorationEval.Placed::lacuna, restorer);
                return new double[] {k.top1() * k.count(), k.top10() * k.count(), k.top20() * k.count(), sp.top1() * sp.count(),
                        sp.top20() * sp.count(), sp.searchErrors() * sp.count(), sp.cer()};
            });
            double len = dp.stream().mapToInt(p -> p.lacuna().truth().length()).sum();
            k1 += res[0]; k10 += res[1]; k20 += res[2]; s1 += res[3]; s20 += res[4]; searchErr += res[5];
            dist += res[6] * len;
            letters += len;
        }
        double ns = Math.max(1, single.size()), np = Math.max(1, span.size());
        return new Scores(k1 / ns, k10 / ns, k20 / ns, letters == 0 ? 0 : dist / letters, s1 / np, s20 / np, searchErr / np);
    }

    /** The text with the lacunae's spans cut out, as the pieces between them. */
    private static List<String> cutOut(String text, List<RestorationEval.Placed> lacunae) {
        List<RestorationEval.Placed> sorted = lacunae.stream().sorted(java.util.Comparator.comparingInt(RestorationEval.Placed::at)).toList();
        List<String> pieces = new java.util.ArrayList<>();
        int from = 0;
        for (RestorationEval.Placed p : sorted) {
            if (p.at() > from) pieces.add(text.substring(from, p.at()));
            from = Math.max(from, p.at() + p.lacuna().truth().length());
        }
        if (from < text.length()) pieces.add(text.substring(from));
        return pieces;
    }
}
