package org.scrollwork.pipeline.ink;

import java.util.Arrays;
import org.scrollwork.pipeline.eval.InkScores;

/**
 * A threshold on a per-pixel score (ink where {@code score >= threshold}) chosen for the best F0.5 on some pixels: the
 * candidates are 101 quantiles of the scores there.
 *
 * @param threshold the chosen threshold
 * @param chosenOn  the scores on the pixels it was chosen on
 */
public record InkThreshold(double threshold, InkScores chosenOn) {

    /** The threshold with the best F0.5 over the pixels {@code on} ({@code ink} the truth, per pixel). */
    public static InkThreshold choose(double[] score, boolean[] ink, boolean[] on) {
        int n = 0;
        for (boolean b : on) if (b) n++;
        if (n == 0) throw new IllegalArgumentException("no pixels to choose a threshold on");
        double[] v = new double[n];
        int k = 0;
        for (int i = 0; i < score.length; i++) if (on[i]) v[k++] = score[i];
        Arrays.sort(v);
        InkThreshold best = null;
        double last = Double.NaN;
        for (int q = 0; q <= 100; q++) {
            double t = v[Math.min(n - 1, (int) ((long) q * (n - 1) / 100))];
            if (t == last) continue;
            last = t;
            InkScores s = apply(score, ink, on, t);
            if (best == null || s.f05() > best.chosenOn().f05()) best = new InkThreshold(t, s);
        }
        return best;
    }

    /** The scores of {@code score >= threshold} over the pixels {@code on}. */
    public static InkScores apply(double[] score, boolean[] ink, boolean[] on, double threshold) {
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < score.length; i++) {
            if (!on[i]) continue;
            boolean p = score[i] >= threshold;
            if (p) { if (ink[i]) tp++; else fp++; } else { if (ink[i]) fn++; else tn++; }
        }
        return new InkScores(tp, fp, fn, tn);
    }

    /** These scores' threshold applied to the pixels {@code on}. */
    public InkScores on(double[] score, boolean[] ink, boolean[] pixels) { return apply(score, ink, pixels, threshold); }
}
