package org.scrollwork.experiments.prior;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.InterpolatedModel;
import org.scrollwork.prior.NgramModel;

/**
 * A mixture of a model with an n-gram whose weight depends on the context: P(x | c) = w_m P_a(x | c) + (1 − w_m)
 * P_ngram(x | c), where m is the length of the longest context ending the letters before x that the n-gram's
 * training letters hold ({@link NgramModel#matchedContext}). The n-gram is sharp where it has seen the last 7 letters
 * and a smoothed guess where it has seen 2; one weight for both ({@link InterpolatedModel}) trusts it the same in both.
 * Jelinek and Mercer's buckets of interpolation weights, bucketed by how much context the counts hold.
 *
 * <p>The weights are chosen on validation text ({@link #tune}); as the buckets split the letters, each bucket's weight
 * is chosen on its own letters, exactly. Costs what both models cost. A row of {@code prior-eval}; it did no better
 * than one weight (docs/language-prior.md), so the product does not use it.
 */
public final class ContextMixture implements CharModel {

    private final CharModel a;
    private final NgramModel ngram;
    private final double[] weightA;

    /** @param weightA the weight of {@code a} for each matched context length 0 … order − 1, each in [0, 1] */
    public ContextMixture(CharModel a, NgramModel ngram, double[] weightA) {
        if (weightA.length != ngram.order()) throw new IllegalArgumentException("need " + ngram.order() + " weights, one per matched context length, got " + weightA.length);
        for (double w : weightA) if (!(w >= 0 && w <= 1)) throw new IllegalArgumentException("weights must be in [0, 1]: " + Arrays.toString(weightA));
        this.a = a;
        this.ngram = ngram;
        this.weightA = weightA.clone();
    }

    /** The weights of the first model by matched context length. */
    public double[] weightsA() { return weightA.clone(); }

    /** Letters a matched context length needs in the tuning texts to get a weight of its own. */
    static final int MIN_LETTERS = 50;

    /**
     * The weights in {0, 0.05, …, 1} that minimise bits per letter of the mixture on {@code texts}, one per matched
     * context length; a length fewer than {@value #MIN_LETTERS} letters of the texts fall in gets the best single weight
     * (that of {@link InterpolatedModel#tuneWeight}). On the tuning texts the mixture is never worse than that one weight.
     */
    public static ContextMixture tune(CharModel a, NgramModel ngram, List<String> texts) {
        int buckets = ngram.order();
        double[][] ln = new double[buckets][21];
        double[] all = new double[21];
        int[] seen = new int[buckets];
        for (String t : texts) {
            double[] la = a.textLetterLogProbs(t), lb = ngram.textLetterLogProbs(t);
            int[] s = CharModel.encode(t);
            for (int i = 0; i < la.length; i++) {
                int m = ngram.matchedContext(s, i);
                seen[m]++;
                for (int k = 0; k <= 20; k++) {
                    double x = InterpolatedModel.mix(k / 20.0, la[i], lb[i]);
                    ln[m][k] += x;
                    all[k] += x;
                }
            }
        }
        int overall = argmax(all);
        double[] w = new double[buckets];
        for (int m = 0; m < buckets; m++) w[m] = (seen[m] >= MIN_LETTERS ? argmax(ln[m]) : overall) / 20.0;
        return new ContextMixture(a, ngram, w);
    }

    private static int argmax(double[] x) {
        int best = 0;
        for (int k = 1; k < x.length; k++) if (x[k] > x[best]) best = k;
        return best;
    }

    @Override
    public double[][] nextLogProbs(String left, List<String> suffixes) {
        double[][] x = a.nextLogProbs(left, suffixes), y = ngram.nextLogProbs(left, suffixes);
        for (int i = 0; i < x.length; i++) {
            int[] s = CharModel.encode(left + suffixes.get(i));
            double w = weightA[ngram.matchedContext(s, s.length)];
            for (int j = 0; j < x[i].length; j++) x[i][j] = InterpolatedModel.mix(w, x[i][j], y[i][j]);
        }
        return x;
    }

    @Override
    public double[][] suffixLetterLogProbs(String left, List<String> suffixes) {
        double[][] x = a.suffixLetterLogProbs(left, suffixes), y = ngram.suffixLetterLogProbs(left, suffixes);
        for (int i = 0; i < x.length; i++) {
            int[] s = CharModel.encode(left + suffixes.get(i));
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = InterpolatedModel.mix(weightA[ngram.matchedContext(s, left.length() + j)], x[i][j], y[i][j]);
            }
        }
        return x;
    }

    @Override
    public double[] textLetterLogProbs(String text) {
        double[] x = a.textLetterLogProbs(text), y = ngram.textLetterLogProbs(text);
        int[] s = CharModel.encode(text);
        for (int i = 0; i < x.length; i++) x[i] = InterpolatedModel.mix(weightA[ngram.matchedContext(s, i)], x[i], y[i]);
        return x;
    }

    @Override
    public String describe() {
        String ws = IntStream.range(0, weightA.length).mapToObj(m -> String.format(Locale.ROOT, "%.2f", weightA[m])).collect(Collectors.joining("/"));
        return "(" + a.describe() + ") mixed with (" + ngram.describe() + "), its weight by matched context length 0-" + (weightA.length - 1) + ": " + ws;
    }
}
