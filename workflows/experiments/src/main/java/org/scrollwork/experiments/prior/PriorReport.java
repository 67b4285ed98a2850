package org.scrollwork.experiments.prior;

import java.nio.file.Path;
import java.util.List;
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharLmConfig;
import org.scrollwork.prior.CharLmDynamicEvaluation;
import org.scrollwork.prior.CharLmTraining;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.DocumentCache;
import org.scrollwork.prior.GreekCorpus;
import org.scrollwork.prior.InterpolatedModel;
import org.scrollwork.prior.NgramModel;
import org.scrollwork.prior.PriorModels;
import org.scrollwork.prior.RestorationEval;
import org.scrollwork.prior.Restorer;
import org.scrollwork.prior.CharTransformer;
import org.scrollwork.prior.InfillRestorer;

/**
 * Trains and evaluates the language priors on the SBLGNT split (test = books 62-66, validation = 60-61, train =
 * 40-59) and prints markdown tables.
 *
 * <pre>
 * bin/bench workflows/experiments org.scrollwork.experiments.prior.PriorReport ngram
 *     n-gram orders 1-8: validation and test bits/letter; restoration rows for orders 5, 6 and the best by validation
 * bin/bench workflows/experiments org.scrollwork.experiments.prior.PriorReport train STEPS HIDDEN LAYERS DROPOUT LR OUT.swlm [NOISE WD]
 *     trains a GRU (batch 32 windows of 128 letters, Adam, cosine schedule, early stopping on validation every 250
 *     steps; optional input noise and AdamW weight decay), saves it to OUT.swlm, then evaluates it as "eval" does
 * bin/bench workflows/experiments org.scrollwork.experiments.prior.PriorReport eval MODEL.swlm
 *     the GRU's bits/letter and restoration, and the same for the GRU interpolated with the best n-gram (weight
 *     chosen on validation)
 * bin/bench workflows/experiments org.scrollwork.experiments.prior.PriorReport dynamic MODEL.swlm SEGMENT LR[,LR...] [carry]
 *     dynamic evaluation: validation bits for each learning rate, then static and dynamic test bits with the best
 *     one, and both mixed with the best n-gram (weights chosen on validation)
 * bin/bench workflows/experiments org.scrollwork.experiments.prior.PriorReport context MODEL.swlm WINDOW
 *     bits with the GRU's context cut to WINDOW..2*WINDOW letters against the whole book
 * bin/bench workflows/experiments org.scrollwork.experiments.prior.PriorReport spans ORDER|MODEL BEAM...
 *     span restoration per lacuna length (top-1, CER, search errors) for each beam width
 * bin/bench workflows/experiments org.scrollwork.experiments.prior.PriorReport cache ORDER|MODEL|MODEL+ORDER CACHE_ORDER W[,W...]
 *     restoration with a document cache (an n-gram on the rest of the lacuna's book) mixed in at each weight: span
 *     CER on validation spans per weight, then test restoration without the cache and with the best weight
 * bin/bench workflows/experiments org.scrollwork.experiments.prior.PriorReport document MODEL.swlm[+ORDER] SEGMENT LR CACHE_W[,CACHE_W...] CACHE_ORDER
 *     restoration with each test book in view: the GRU adapted to the book (its lacunae cut out) by dynamic
 *     evaluation, optionally mixed with the ORDER-gram, and a document cache (weight 0: none; several weights: the
 *     best on validation spans is used)
 * bin/bench workflows/experiments org.scrollwork.experiments.prior.PriorReport ngramcache ORDER CACHE_ORDER BLOCK W[,W...]
 *     the n-gram with a causal cache n-gram on the book read so far (the fair baseline for dynamic evaluation)
 * bin/bench workflows/experiments org.scrollwork.experiments.prior.PriorReport ensemble A.swlm B.swlm SEGMENT LR
 *     two GRUs, each with dynamic evaluation, averaged with the weight chosen on validation
 * bin/bench workflows/experiments org.scrollwork.experiments.prior.PriorReport examples ORDER|MODEL BEAM N
 *     the first N span lacunae with the best fillings and the truth's score (-Dprior.detail=true: per-letter costs)
 * </pre>
 * Restoration: {@value #SINGLES} one-letter lacunae and {@value #SPANS} spans of 1-10 letters (length uniform) sampled
 * from the test books with fixed seeds, {@value #CONTEXT} letters of context on each side, beam {@value #BEAM}, right
 * context {@value #RIGHT}. Top-k: the true letter among the k best; CER: edit distance / letters; search errors: spans
 * whose truth the restorer scores above what it returned; span top-1/top-20: the whole true filling is the best / among the 20 best (the
 * sense of Ithaca's top-k). Fetches the corpus on first use (apt-get download
 * bibledit-data). Uses one PyTorch thread unless ai.djl.pytorch.num_threads is set.
 */
public final class PriorReport {

    static final int SINGLES = 500, SPANS = 200, CONTEXT = 40, BEAM = 32, RIGHT = 20, CACHE_TUNING = 100, INFILL_BEAM = 16;

    private final List<String> train, val, test;
    private final List<RestorationEval.Lacuna> singles, spans;

    private PriorReport(GreekCorpus.Split s) {
        train = texts(s.train());
        val = texts(s.validation());
        test = texts(s.test());
        // -Dprior.singles / -Dprior.spans take the first N of the fixed samples (to bound the time on a busy machine)
        singles = RestorationEval.sample(test, SINGLES, 1, 1, CONTEXT, 20261123L).subList(0, Integer.getInteger("prior.singles", SINGLES));
        spans = RestorationEval.sample(test, SPANS, 1, 10, CONTEXT, 20261124L).subList(0, Integer.getInteger("prior.spans", SPANS));
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        if (args.length == 0) usage();
        GreekCorpus corpus = GreekCorpus.sblgnt();
        GreekCorpus.Split s = corpus.split();
        System.out.printf("Corpus: %d letters; train %d (books 40-59), validation %d (60-61), test %d (62-66)%n%n",
                corpus.letters(), s.trainLetters(), s.validationLetters(), s.testLetters());
        PriorReport r = new PriorReport(s);
        switch (args[0]) {
            case "ngram" -> r.ngrams();
            case "train" -> {
                if (args.length != 7 && args.length != 9) usage();
                CharLmConfig config = CharLmConfig.of(Integer.parseInt(args[2]), Integer.parseInt(args[3]), Float.parseFloat(args[4]));
                float noise = args.length == 9 ? Float.parseFloat(args[7]) : 0f, decay = args.length == 9 ? Float.parseFloat(args[8]) : 0f;
                CharLmTraining tc = new CharLmTraining(Integer.parseInt(args[1]), 32, 128, Float.parseFloat(args[5]), 1, noise, decay);
                Path out = Path.of(args[6]);
                long t0 = System.nanoTime();
                try (CharLm lm = CharLm.train(r.train, r.val, config, tc, System.out::println)) {
                    double secs = (System.nanoTime() - t0) / 1e9;
                    lm.save(out);
                    System.out.printf("trained %s in %.0f s (%d steps), saved to %s%n%n", lm.describe(), secs, tc.steps(), out);
                    r.neural(lm);
                }
            }
            case "eval" -> {
                if (args.length != 2 && args.length != 3) usage();
                if (PriorModels.kind(Path.of(args[1])) == PriorModels.Kind.TRANSFORMER) {
                    try (CharTransformer tf = PriorModels.loadInfill(Path.of(args[1]))) {
                        System.out.println("Transformer loaded from " + args[1]);
                        r.infill(tf, args.length == 3 ? Integer.parseInt(args[2]) : INFILL_BEAM);
                    }
                    return;
                }
                try (CharLm lm = CharLm.load(Path.of(args[1]))) {
                    System.out.println("GRU loaded from " + args[1]);
                    r.neural(lm);
                }
            }
            case "dynamic" -> {
                if (args.length != 4 && !(args.length == 5 && args[4].equals("carry"))) usage();
                try (CharLm lm = CharLm.load(Path.of(args[1]))) {
                    r.dynamic(lm, Integer.parseInt(args[2]), args[3].split(","), args.length == 5);
                }
            }
            case "context" -> {
                if (args.length != 3) usage();
                try (CharLm lm = CharLm.load(Path.of(args[1]))) {
                    r.context(lm, Integer.parseInt(args[2]));
                }
            }
            case "spans" -> {
                if (args.length < 3) usage();
                CharModel m = r.model(args[1]);
                for (int i = 2; i < args.length; i++) r.spansByLength(m, Integer.parseInt(args[i]));
            }
            case "cache" -> {
                if (args.length != 4) usage();
                r.cache(r.model(args[1]), Integer.parseInt(args[2]), args[3].split(","));
            }
            case "document" -> {
                if (args.length != 6) usage();
                int plus = args[1].lastIndexOf('+');
                try (CharLm lm = CharLm.load(Path.of(plus < 0 ? args[1] : args[1].substring(0, plus)))) {
                    r.document(lm, plus < 0 ? 0 : Integer.parseInt(args[1].substring(plus + 1)), Integer.parseInt(args[2]),
                            Float.parseFloat(args[3]), args[4].split(","), Integer.parseInt(args[5]));
                }
            }
            case "ngramcache" -> {
                if (args.length != 5) usage();
                r.ngramCache(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4].split(","));
            }
            case "ensemble" -> {
                if (args.length != 5) usage();
                try (CharLm a = CharLm.load(Path.of(args[1])); CharLm b = CharLm.load(Path.of(args[2]))) {
                    r.ensemble(a, b, Integer.parseInt(args[3]), Float.parseFloat(args[4]));
                }
            }
            case "examples" -> {
                CharModel m = r.model(args[1]);
                Restorer rest = new Restorer(m, Integer.parseInt(args[2]), RIGHT);
                for (RestorationEval.Lacuna l : r.spans.subList(0, Integer.parseInt(args[3]))) {
                    List<Restorer.Candidate> c = rest.restore(l.left(), l.truth().length(), l.right(), 3);
                    System.out.printf("%s[%s]%s  best %s %.2f  truth %.2f  2nd %s 3rd %s%n", l.left().substring(20), l.truth(), l.right().substring(0, 20),
                            c.get(0).filling(), c.get(0).logProb(), rest.score(l.left(), l.truth(), l.right()), c.size() > 1 ? c.get(1).filling() : "", c.size() > 2 ? c.get(2).filling() : "");
                    if (Boolean.getBoolean("prior.detail")) {
                        for (String f : List.of(c.get(0).filling(), l.truth())) {
                            String all = f + l.right().substring(0, RIGHT);
                            double[] lp = m.suffixLetterLogProbs(l.left(), List.of(all))[0];
                            StringBuilder sb = new StringBuilder("    ");
                            for (int i = 0; i < all.length(); i++) sb.append(String.format("%c%.1f ", all.charAt(i), -lp[i]));
                            System.out.println(sb);
                        }
                    }
                }
            }
            default -> usage();
        }
    }

    /** An n-gram (ORDER), a saved model (FILE), or FILE+ORDER: the saved model mixed with the n-gram, weight chosen on validation. */
    private CharModel model(String spec) {
        if (spec.matches("\\d+")) return NgramModel.train(train, Integer.parseInt(spec));
        int plus = spec.lastIndexOf('+');
        if (plus < 0) return PriorModels.load(Path.of(spec));
        CharModel a = PriorModels.load(Path.of(spec.substring(0, plus)));
        NgramModel b = NgramModel.train(train, Integer.parseInt(spec.substring(plus + 1)));
        return new InterpolatedModel(a, b, InterpolatedModel.tuneWeight(a, b, val));
    }

    /**
     * Restoration with a document cache: for each weight, span CER on {@value #CACHE_TUNING} spans of the validation
     * books; then, with weight 0 and with the best weight, single-letter top-k and span CER on the test books.
     */
    private void cache(CharModel m, int order, String[] weights) {
        List<RestorationEval.Placed> tuning = RestorationEval.samplePlaced(val, CACHE_TUNING, 1, 10, CONTEXT, 20261125L);
        System.out.printf("%s; document cache %d-gram%n| cache weight | validation span CER | time |%n|---|---|---|%n", m.describe(), order);
        double bestW = 0, bestCer = Double.MAX_VALUE;
        for (String ws : weights) {
            double w = Double.parseDouble(ws);
            long t0 = System.nanoTime();
            RestorationEval.Spans sp = RestorationEval.spans(tuning, RestorationEval.Placed::lacuna,
                    p -> new Restorer(DocumentCache.around(m, p.visible(val), order, w), BEAM, RIGHT));
            System.out.printf("| %.2f | %.1f%% | %.0f s |%n", w, 100 * sp.cer(), (System.nanoTime() - t0) / 1e9);
            if (sp.cer() < bestCer) { bestCer = sp.cer(); bestW = w; }
        }
        List<RestorationEval.Placed> single = RestorationEval.samplePlaced(test, SINGLES, 1, 1, CONTEXT, 20261123L)
                .subList(0, Integer.getInteger("prior.singles", SINGLES));
        List<RestorationEval.Placed> span = RestorationEval.samplePlaced(test, SPANS, 1, 10, CONTEXT, 20261124L)
                .subList(0, Integer.getInteger("prior.spans", SPANS));
        System.out.printf("%n| cache weight | letter top-1 | letter top-10 | letter top-20 | span CER | span top-1 | span top-20 | search errors | time |%n|---|---|---|---|---|---|---|---|---|%n");
        for (double w : bestW == 0 ? new double[] {0} : new double[] {0, bestW}) {
            long t0 = System.nanoTime();
            RestorationEval.TopK k = RestorationEval.singleLetter(single, RestorationEval.Placed::lacuna,
                    p -> new Restorer(DocumentCache.around(m, p.visible(test), order, w), BEAM, RIGHT));
            RestorationEval.Spans sp = RestorationEval.spans(span, RestorationEval.Placed::lacuna,
                    p -> new Restorer(DocumentCache.around(m, p.visible(test), order, w), BEAM, RIGHT));
            System.out.printf("| %.2f | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.0f s |%n", w, 100 * k.top1(), 100 * k.top10(),
                    100 * k.top20(), 100 * sp.cer(), 100 * sp.top1(), 100 * sp.top20(), 100 * sp.searchErrors(), (System.nanoTime() - t0) / 1e9);
        }
        footer();
    }

    /**
     * Restoration with the whole document in view: for each book, the GRU is adapted by dynamic evaluation (SEGMENT,
     * LR) to the book's letters with every sampled lacuna cut out, then the book's lacunae are restored with the
     * adapted GRU (mixed with the ORDER-gram at the weight chosen on validation for the static GRU, if ORDER > 0) and a
     * document cache of CACHE_ORDER on the book around each lacuna. With several cache weights, each is tried on
     * {@value #CACHE_TUNING} spans of the validation books (adapted the same way) and the best goes to the test books.
     */
    private void document(CharLm lm, int order, int segment, float lr, String[] cacheWeights, int cacheOrder) {
        NgramModel ngram = order > 0 ? NgramModel.train(train, order) : null;
        double w = order > 0 ? InterpolatedModel.tuneWeight(lm, ngram, val) : 1;
        CharLmDynamicEvaluation dyn = new CharLmDynamicEvaluation(lm, segment, lr);
        System.out.printf("%s adapted to each book (segment %d, lr %s)%s; document cache %d-gram%n", lm.describe(), segment, lr,
                order > 0 ? String.format(", mixed %.2f : %.2f with the %d-gram", w, 1 - w, order) : "", cacheOrder);
        double best = Double.parseDouble(cacheWeights[0]);
        if (cacheWeights.length > 1) {
            List<RestorationEval.Placed> tuning = RestorationEval.samplePlaced(val, CACHE_TUNING, 1, 10, CONTEXT, 20261125L);
            System.out.printf("| cache weight | validation span CER | time |%n|---|---|---|%n");
            double bestCer = Double.MAX_VALUE;
            for (String ws : cacheWeights) {
                long t0 = System.nanoTime();
                double cer = restoreInDocuments(val, List.of(), tuning, dyn, ngram, w, Double.parseDouble(ws), cacheOrder)[3];
                System.out.printf("| %s | %.1f%% | %.0f s |%n", ws, 100 * cer, (System.nanoTime() - t0) / 1e9);
                if (cer < bestCer) { bestCer = cer; best = Double.parseDouble(ws); }
            }
        }
        List<RestorationEval.Placed> single = RestorationEval.samplePlaced(test, SINGLES, 1, 1, CONTEXT, 20261123L)
                .subList(0, Integer.getInteger("prior.singles", SINGLES));
        List<RestorationEval.Placed> span = RestorationEval.samplePlaced(test, SPANS, 1, 10, CONTEXT, 20261124L)
                .subList(0, Integer.getInteger("prior.spans", SPANS));
        long t0 = System.nanoTime();
        double[] m = restoreInDocuments(test, single, span, dyn, ngram, w, best, cacheOrder);
        System.out.println("| cache weight | letter top-1 | letter top-10 | letter top-20 | span CER | span top-1 | span top-20 | search errors | time |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        System.out.printf("| %.2f | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.0f s |%n", best, 100 * m[0], 100 * m[1], 100 * m[2],
                100 * m[3], 100 * m[4], 100 * m[5], 100 * m[6], (System.nanoTime() - t0) / 1e9);
        footer();
    }

    /**
     * Restores the lacunae of each text with the GRU adapted to that text (its sampled lacunae cut out): letter top-1,
     * top-10, top-20 over {@code single}, span CER, top-1, top-20 and search errors over {@code span}.
     */
    private static double[] restoreInDocuments(List<String> texts, List<RestorationEval.Placed> single, List<RestorationEval.Placed> span,
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
                        p -> new Restorer(DocumentCache.around(base, p.visible(texts), cacheOrder, cacheWeight), BEAM, RIGHT);
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
        return new double[] {k1 / ns, k10 / ns, k20 / ns, letters == 0 ? 0 : dist / letters, s1 / np, s20 / np, searchErr / np};
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

    /** Span restoration per lacuna length with one beam width: whole-span top-1, CER and search errors. */
    private void spansByLength(CharModel m, int beam) {
        Restorer rest = new Restorer(m, beam, RIGHT);
        System.out.printf("%s, beam %d%n| length | spans | top-1 | CER | search errors |%n|---|---|---|---|---|%n", m.describe(), beam);
        long t0 = System.nanoTime();
        for (int len = 1; len <= 10; len++) {
            final int l = len;
            List<RestorationEval.Lacuna> sub = spans.stream().filter(x -> x.truth().length() == l).toList();
            if (sub.isEmpty()) continue;
            RestorationEval.Spans sp = RestorationEval.spans(rest, sub);
            System.out.printf("| %d | %d | %.1f%% | %.1f%% | %.1f%% |%n", len, sub.size(), 100 * sp.top1(), 100 * sp.cer(), 100 * sp.searchErrors());
        }
        RestorationEval.Spans all = RestorationEval.spans(rest, spans);
        System.out.printf("| all | %d | %.1f%% | %.1f%% | %.1f%% | (%.0f s)%n%n", all.count(), 100 * all.top1(), 100 * all.cer(), 100 * all.searchErrors(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Dynamic evaluation: every learning rate on validation, then the best one on test, with the static scores and
     * the mixture with the best n-gram (weight chosen on validation with the dynamic scores).
     */
    private void dynamic(CharLm lm, int segment, String[] rates, boolean carry) {
        NgramModel ngram = ngramTable(false);
        List<double[]> ngVal = val.stream().map(ngram::textLetterLogProbs).toList();
        List<double[]> ngTest = test.stream().map(ngram::textLetterLogProbs).toList();
        List<double[]> stVal = val.stream().map(lm::textLetterLogProbs).toList();
        List<double[]> stTest = test.stream().map(lm::textLetterLogProbs).toList();
        System.out.printf("%s static: validation %.3f, test %.3f; %s: validation %.3f, test %.3f%n", lm.describe(),
                bits(stVal), bits(stTest), ngram.describe(), bits(ngVal), bits(ngTest));
        System.out.println("| segment | lr | validation bits | time |");
        System.out.println("|---|---|---|---|");
        float bestLr = 0;
        double best = Double.MAX_VALUE;
        List<double[]> bestVal = null;
        for (String rate : rates) {
            float lr = Float.parseFloat(rate);
            long t0 = System.nanoTime();
            CharLmDynamicEvaluation d = new CharLmDynamicEvaluation(lm, segment, lr);
            List<double[]> v = carry ? d.carriedLetterLogProbs(val) : val.stream().map(d::textLetterLogProbs).toList();
            double b = bits(v);
            System.out.printf("| %d | %s | %.3f | %.0f s |%n", segment, rate, b, (System.nanoTime() - t0) / 1e9);
            if (b < best) { best = b; bestLr = lr; bestVal = v; }
        }
        long t0 = System.nanoTime();
        CharLmDynamicEvaluation d = new CharLmDynamicEvaluation(lm, segment, bestLr);
        List<double[]> dynTest = carry ? d.carriedLetterLogProbs(test) : test.stream().map(d::textLetterLogProbs).toList();
        double secs = (System.nanoTime() - t0) / 1e9;
        double wStatic = mixWeight(stVal, ngVal), wDyn = mixWeight(bestVal, ngVal);
        System.out.printf("%n| model | validation | test |%n|---|---|---|%n");
        System.out.printf("| %s | %.3f | %.3f |%n", ngram.describe(), bits(ngVal), bits(ngTest));
        System.out.printf("| %s, static | %.3f | %.3f |%n", lm.describe(), bits(stVal), bits(stTest));
        System.out.printf("| %s, dynamic%s (segment %d, lr %s; test %.0f s) | %.3f | %.3f |%n", lm.describe(), carry ? ", books as one stream" : "", segment, bestLr, secs, best, bits(dynTest));
        System.out.printf("| %.2f x static + %.2f x n-gram | %.3f | %.3f |%n", wStatic, 1 - wStatic, bits(mix(wStatic, stVal, ngVal)), bits(mix(wStatic, stTest, ngTest)));
        System.out.printf("| %.2f x dynamic + %.2f x n-gram | %.3f | %.3f |%n", wDyn, 1 - wDyn, bits(mix(wDyn, bestVal, ngVal)), bits(mix(wDyn, dynTest, ngTest)));
    }

    /**
     * Two GRUs, each with dynamic evaluation (SEGMENT, LR), averaged with the weight chosen on validation: a neural
     * ensemble, no n-gram in it.
     */
    private void ensemble(CharLm a, CharLm b, int segment, float lr) {
        System.out.println("| model | validation | test | time |");
        System.out.println("|---|---|---|---|");
        List<List<double[]>> scores = new java.util.ArrayList<>();
        for (CharLm lm : List.of(a, b)) {
            long t0 = System.nanoTime();
            CharLmDynamicEvaluation d = new CharLmDynamicEvaluation(lm, segment, lr);
            List<double[]> v = val.stream().map(d::textLetterLogProbs).toList(), t = test.stream().map(d::textLetterLogProbs).toList();
            scores.add(v);
            scores.add(t);
            System.out.printf("| %s, dynamic (segment %d, lr %s) | %.3f | %.3f | %.0f s |%n", lm.describe(), segment, lr, bits(v), bits(t), (System.nanoTime() - t0) / 1e9);
        }
        double w = mixWeight(scores.get(0), scores.get(2));
        System.out.printf("| %.2f x first + %.2f x second, both dynamic | %.3f | %.3f | |%n", w, 1 - w,
                bits(mix(w, scores.get(0), scores.get(2))), bits(mix(w, scores.get(1), scores.get(3))));
    }

    /**
     * The fair dynamic baseline for the GRU's dynamic evaluation: the ORDER-gram mixed with a cache CACHE_ORDER-gram
     * counted on the letters of the same book read so far (recounted every BLOCK letters, so a letter is predicted by
     * a cache of at most the letters before its block: causal, and a little weaker than recounting at every letter).
     * The weight is chosen on validation.
     */
    private void ngramCache(int order, int cacheOrder, int block, String[] weights) {
        NgramModel base = NgramModel.train(train, order);
        List<double[]> bv = val.stream().map(base::textLetterLogProbs).toList(), bt = test.stream().map(base::textLetterLogProbs).toList();
        List<double[]> cv = causalCache(val, cacheOrder, block, bv), ct = causalCache(test, cacheOrder, block, bt);
        System.out.printf("%s; cache %d-gram recounted every %d letters%n| cache weight | validation | test |%n|---|---|---|%n", base.describe(), cacheOrder, block);
        double best = 0, bestBits = Double.MAX_VALUE;
        for (String ws : weights) {
            double w = Double.parseDouble(ws), v = bits(mix(w, cv, bv));
            System.out.printf("| %s | %.3f | %.3f |%n", ws, v, bits(mix(w, ct, bt)));
            if (v < bestBits) { bestBits = v; best = w; }
        }
        System.out.printf("best on validation: weight %s, validation %.3f, test %.3f (static %.3f / %.3f)%n", best, bestBits,
                bits(mix(best, ct, bt)), bits(bv), bits(bt));
    }

    /** ln P of every letter under a cache counted on the book's letters before the letter's block (the static score in the first block). */
    private static List<double[]> causalCache(List<String> texts, int cacheOrder, int block, List<double[]> staticScores) {
        List<double[]> out = new java.util.ArrayList<>();
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

    /** Bits with the GRU's context cut to the last WINDOW..2*WINDOW letters (blocks of WINDOW after a warm-up of WINDOW). */
    private void context(CharLm lm, int window) {
        for (List<String> set : List.of(val, test)) {
            double ln = 0;
            long n = 0;
            for (String t : set) {
                for (int from = 0; from < t.length(); from += window) {
                    int warm = Math.max(0, from - window), to = Math.min(t.length(), from + window);
                    for (double x : lm.suffixLetterLogProbs(t.substring(warm, from), List.of(t.substring(from, to)))[0]) ln += x;
                }
                n += t.length();
            }
            System.out.printf("full context %.3f, context cut to %d-%d letters %.3f%n", lm.bitsPerChar(set), window, 2 * window, -ln / Math.log(2) / n);
        }
    }

    private static double mixWeight(List<double[]> a, List<double[]> b) {
        double best = 0, bestLn = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= 20; k++) {
            double ln = -bits(mix(k / 20.0, a, b));
            if (ln > bestLn) { bestLn = ln; best = k / 20.0; }
        }
        return best;
    }

    private static List<double[]> mix(double w, List<double[]> a, List<double[]> b) {
        List<double[]> out = new java.util.ArrayList<>();
        for (int t = 0; t < a.size(); t++) {
            double[] x = new double[a.get(t).length];
            for (int i = 0; i < x.length; i++) {
                double p = w * Math.exp(a.get(t)[i]) + (1 - w) * Math.exp(b.get(t)[i]);
                x[i] = Math.log(p);
            }
            out.add(x);
        }
        return out;
    }

    private static double bits(List<double[]> lnP) {
        double s = 0;
        long n = 0;
        for (double[] a : lnP) { for (double x : a) s -= x; n += a.length; }
        return s / Math.log(2) / n;
    }

    private static void usage() {
        System.err.println("usage: PriorReport ngram | train STEPS HIDDEN LAYERS DROPOUT LR OUT.swlm [INPUT_NOISE WEIGHT_DECAY] | eval MODEL.swlm | dynamic MODEL.swlm SEGMENT LR[,LR...] [carry] | context MODEL.swlm WINDOW | cache ... | document ... | ensemble ... | spans ... | examples ... (see the class comment)");
        System.exit(2);
    }

    /** Best n-gram order by validation bits (orders 1-8); prints the table. */
    private NgramModel ngramTable(boolean print) {
        if (print) {
            System.out.println("| n-gram order | val bits/letter | test bits/letter | train time |");
            System.out.println("|---|---|---|---|");
        }
        NgramModel best = null;
        double bestVal = Double.MAX_VALUE;
        for (int n = 1; n <= 8; n++) {
            long t0 = System.nanoTime();
            NgramModel m = NgramModel.train(train, n);
            double secs = (System.nanoTime() - t0) / 1e9;
            double v = m.bitsPerChar(val);
            if (print) System.out.printf("| %d | %.3f | %.3f | %.1f s |%n", n, v, m.bitsPerChar(test), secs);
            if (v < bestVal) { bestVal = v; best = m; }
        }
        if (print) System.out.println();
        return best;
    }

    private void ngrams() {
        NgramModel best = ngramTable(true);
        header();
        for (int n : new int[] {5, 6}) System.out.print(row(NgramModel.train(train, n)));
        System.out.print(row(best));
        footer();
    }

    private void neural(CharLm lm) {
        NgramModel ngram = ngramTable(false);
        header();
        System.out.print(row(ngram));
        System.out.print(row(lm));
        double w = InterpolatedModel.tuneWeight(lm, ngram, val);
        System.out.print(row(new InterpolatedModel(lm, ngram, w)));
        footer();
    }

    private static void header() {
        System.out.println("| model | val bits/letter | test bits/letter | letter top-1 | letter top-10 | letter top-20 | span CER | span top-1 | span top-20 | search errors | restoration time |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    }

    private void footer() {
        System.out.printf("%nRestoration: %d single letters and %d spans (length 1-10) from the test books, %d letters of "
                + "context each side, beam %d, right context %d; CER = edit distance / letters.%n",
                Integer.getInteger("prior.singles", SINGLES), Integer.getInteger("prior.spans", SPANS), CONTEXT, BEAM, RIGHT);
    }

    /** Prints one table row; the bits first, so a long restoration shows them early. */
    private String row(CharModel m) {
        System.out.printf("| %s | %.3f | %.3f ", m.describe(), m.bitsPerChar(val), m.bitsPerChar(test));
        System.out.flush();
        Restorer r = new Restorer(m, BEAM, RIGHT);
        long t0 = System.nanoTime();
        RestorationEval.TopK k = RestorationEval.singleLetter(r, singles);
        double singleS = (System.nanoTime() - t0) / 1e9;
        RestorationEval.Spans sp = RestorationEval.spans(r, spans);
        double spanS = (System.nanoTime() - t0) / 1e9 - singleS;
        return String.format("| %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.0f s + %.0f s |%n", 100 * k.top1(), 100 * k.top10(),
                100 * k.top20(), 100 * sp.cer(), 100 * sp.top1(), 100 * sp.top20(), 100 * sp.searchErrors(), singleS, spanS);
    }

    /**
     * The infill model on the same fixed samples: bits per masked letter (validation, test; a fixed draw of span-masked
     * windows), restoration by {@link InfillRestorer} (beam {@code beam}), then span top-1 and CER per lacuna length.
     */
    private void infill(CharTransformer tf, int beam) {
        System.out.println("| model | val bits/masked letter | test bits/masked letter | letter top-1 | letter top-10 | letter top-20 | span CER | span top-1 | span top-20 | search errors | restoration time |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        System.out.printf("| %s, InfillRestorer beam %d | %.3f | %.3f ", tf.describe(), beam, tf.heldOutBits(val), tf.heldOutBits(test));
        System.out.flush();
        InfillRestorer r = new InfillRestorer(tf, beam);
        long t0 = System.nanoTime();
        RestorationEval.TopK k = RestorationEval.singleLetter(r, singles);
        double singleS = (System.nanoTime() - t0) / 1e9;
        System.out.printf("| %.1f%% | %.1f%% | %.1f%% ", 100 * k.top1(), 100 * k.top10(), 100 * k.top20());
        System.out.flush();
        StringBuilder perLength = new StringBuilder();
        long dist = 0, len = 0;
        int top1 = 0, top20 = 0, errors = 0;
        for (int l = 1; l <= 10; l++) {
            final int length = l;
            List<RestorationEval.Lacuna> sub = spans.stream().filter(x -> x.truth().length() == length).toList();
            if (sub.isEmpty()) continue;
            RestorationEval.Spans sp = RestorationEval.spans(r, sub);
            perLength.append(String.format("length %d: %d spans, top-1 %.1f%%, CER %.1f%%%n", l, sp.count(), 100 * sp.top1(), 100 * sp.cer()));
            dist += Math.round(sp.cer() * l * sp.count());
            len += (long) l * sp.count();
            top1 += Math.round(sp.top1() * sp.count());
            top20 += Math.round(sp.top20() * sp.count());
            errors += Math.round(sp.searchErrors() * sp.count());
        }
        double spanS = (System.nanoTime() - t0) / 1e9 - singleS;
        int n = spans.size();
        System.out.printf("| %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.0f s + %.0f s |%n%n%s", 100.0 * dist / len, 100.0 * top1 / n, 100.0 * top20 / n,
                100.0 * errors / n, singleS, spanS, perLength);
        System.out.printf("%nRestoration: %d single letters and %d spans (length 1-10) from the test books, %d letters of context each side.%n",
                singles.size(), n, CONTEXT);
    }

    private static List<String> texts(List<GreekCorpus.Book> books) {
        return books.stream().map(GreekCorpus.Book::letters).toList();
    }
}
