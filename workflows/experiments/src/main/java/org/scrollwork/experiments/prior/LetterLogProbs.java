package org.scrollwork.experiments.prior;

import java.util.ArrayList;
import java.util.List;

/** Per-letter ln P of texts (one array per text): bits per letter, and the mixture of two models' probabilities. */
final class LetterLogProbs {
    private LetterLogProbs() {}

    /** Bits per letter over all texts. */
    static double bits(List<double[]> lnP) {
        double s = 0;
        long n = 0;
        for (double[] a : lnP) { for (double x : a) s -= x; n += a.length; }
        return s / Math.log(2) / n;
    }

    /** ln(w P_a + (1 − w) P_b) letter by letter. */
    static List<double[]> mix(double w, List<double[]> a, List<double[]> b) {
        List<double[]> out = new ArrayList<>();
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

    /** The weight of {@code a} in 0, 0.05, …, 1 whose mixture with {@code b} scores best. */
    static double mixWeight(List<double[]> a, List<double[]> b) {
        double best = 0, bestLn = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= 20; k++) {
            double ln = -bits(mix(k / 20.0, a, b));
            if (ln > bestLn) { bestLn = ln; best = k / 20.0; }
        }
        return best;
    }
}
