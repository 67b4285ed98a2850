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
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharTransformer;
import org.scrollwork.prior.InfillRestorer;
import org.scrollwork.prior.InterpolatedModel;
import org.scrollwork.prior.NgramModel;
import org.scrollwork.prior.PriorModels;
import org.scrollwork.prior.RestorationEval;

/**
 * Scores a saved model on the SBLGNT split (or, with {@code heldout}, on other test texts: {@link HeldOutTexts}). A GRU:
 * its bits per letter and restoration, next to the best n-gram and the GRU interpolated with it (one weight, or a
 * weight per matched context length; chosen on validation). An infill transformer: bits per masked letter and
 * restoration by {@link InfillRestorer} (beam {@code beam}), with span top-1 and CER per lacuna length.
 *
 * <pre>bin/scrollwork experiment prior-eval --set model=MODEL [--set beam=16] [--set heldout=sblgnt|outside-nt|FILE]</pre>
 */
public final class PriorEvalExperiment implements Experiment {

    @Override public String name() { return "prior-eval"; }

    @Override public String summary() {
        return "language prior: a saved GRU (alone and mixed with the best n-gram) or infill transformer, bits per letter and restoration";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) {
        PriorEvalConfig config = PriorEvalConfig.from(settings);
        PriorTexts texts = PriorTexts.load(progress).scoring(config.heldOut(), progress);
        if (PriorModels.kind(config.model()) == PriorModels.Kind.TRANSFORMER) {
            try (CharTransformer tf = PriorModels.loadInfill(config.model())) {
                progress.log("Transformer loaded from " + config.model());
                return infill(texts, config.samples(), tf, config.beam());
            }
        }
        try (CharLm lm = CharLm.load(config.model())) {
            progress.log("GRU loaded from " + config.model());
            return new ExperimentResult("GRU loaded from " + config.model() + ".", List.of(withNgram(texts, config.samples(), lm)), Map.of(), Map.of());
        }
    }

    /**
     * The best n-gram, the GRU, the GRU interpolated with the n-gram (weight chosen on validation), and the same with a
     * weight per matched n-gram context length ({@link ContextMixture}, chosen on validation), as restoration rows.
     */
    static ResultTable withNgram(PriorTexts texts, RestorationSamples samples, CharLm lm) {
        NgramModel ngram = NgramOrders.best(texts);
        RestorationTable table = new RestorationTable(texts, samples);
        table.add(ngram);
        table.add(lm);
        double w = InterpolatedModel.tuneWeight(lm, ngram, texts.validation());
        table.add(new InterpolatedModel(lm, ngram, w));
        table.add(ContextMixture.tune(lm, ngram, texts.validation()));
        return table.table();
    }

    /** The infill model on the same fixed samples: bits per masked letter (a fixed draw of span-masked windows), restoration, per lacuna length. */
    private static ExperimentResult infill(PriorTexts texts, RestorationSamples samples, CharTransformer tf, int beam) {
        List<RestorationEval.Lacuna> singles = samples.singleLetters(texts), spans = samples.spanLacunae(texts);
        double val = tf.heldOutBits(texts.validation()), test = tf.heldOutBits(texts.test());
        InfillRestorer r = new InfillRestorer(tf, beam);
        long t0 = System.nanoTime();
        RestorationEval.TopK k = RestorationEval.singleLetter(r, singles);
        double singleS = (System.nanoTime() - t0) / 1e9;
        ResultTable perLength = new ResultTable("Spans by length", List.of("length", "spans", "top-1 %", "CER %"), List.of(0, 0, 1, 1));
        long dist = 0, len = 0;
        int top1 = 0, top20 = 0, errors = 0;
        for (int l = 1; l <= 10; l++) {
            final int length = l;
            List<RestorationEval.Lacuna> sub = spans.stream().filter(x -> x.truth().length() == length).toList();
            if (sub.isEmpty()) continue;
            RestorationEval.Spans sp = RestorationEval.spans(r, sub);
            perLength.row(l, sp.count(), 100 * sp.top1(), 100 * sp.cer());
            dist += Math.round(sp.cer() * l * sp.count());
            len += (long) l * sp.count();
            top1 += Math.round(sp.top1() * sp.count());
            top20 += Math.round(sp.top20() * sp.count());
            errors += Math.round(sp.searchErrors() * sp.count());
        }
        double spanS = (System.nanoTime() - t0) / 1e9 - singleS;
        int n = spans.size();
        String title = String.format(Locale.ROOT, "Restoration: %d single letters and %d spans (length 1-10) from the test texts, %d letters of context each side.",
                singles.size(), n, RestorationSamples.CONTEXT);
        ResultTable table = new ResultTable(title, List.of("model", "val bits/masked letter", "test bits/masked letter", "letter top-1 %", "letter top-10 %",
                "letter top-20 %", "span CER %", "span top-1 %", "span top-20 %", "search errors %", "letters s", "spans s"),
                List.of(0, 3, 3, 1, 1, 1, 1, 1, 1, 1, 0, 0));
        table.row(tf.describe() + ", InfillRestorer beam " + beam, val, test, 100 * k.top1(), 100 * k.top10(), 100 * k.top20(), 100.0 * dist / len,
                100.0 * top1 / n, 100.0 * top20 / n, 100.0 * errors / n, singleS, spanS);
        return new ExperimentResult(String.format(Locale.ROOT, "%s: %.3f bits per masked letter on the test texts, span CER %.1f %%.", tf.describe(), test,
                100.0 * dist / len), List.of(table, perLength), Map.of(), Map.of());
    }
}
