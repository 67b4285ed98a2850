package org.scrollwork.prior;

import java.util.List;

/**
 * A linear interpolation of two letter models: P(x | context) = w P_a(x | context) + (1 - w) P_b(x | context). The
 * classic way to combine a neural model with an n-gram; the weight is chosen on validation text
 * ({@link #tuneWeight}). Costs what both models cost.
 */
public final class InterpolatedModel implements CharModel {

    private final CharModel a, b;
    private final double weightA;

    /** @param weightA weight of {@code a}, in [0, 1] */
    public InterpolatedModel(CharModel a, CharModel b, double weightA) {
        if (!(weightA >= 0 && weightA <= 1)) throw new IllegalArgumentException("weight must be in [0, 1], was " + weightA);
        this.a = a;
        this.b = b;
        this.weightA = weightA;
    }

    /** The weight of the first model. */
    public double weightA() { return weightA; }

    /**
     * The weight in {0, 0.05, …, 1} that minimises bits/char of the mixture on {@code texts} (each model scores the
     * texts once).
     */
    public static double tuneWeight(CharModel a, CharModel b, List<String> texts) {
        List<double[]> la = texts.stream().map(a::textLetterLogProbs).toList();
        List<double[]> lb = texts.stream().map(b::textLetterLogProbs).toList();
        double best = 0, bestLn = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= 20; k++) {
            double w = k / 20.0, ln = 0;
            for (int t = 0; t < la.size(); t++) for (int i = 0; i < la.get(t).length; i++) ln += mix(w, la.get(t)[i], lb.get(t)[i]);
            if (ln > bestLn) { bestLn = ln; best = w; }
        }
        return best;
    }

    /** ln(w e^x + (1 - w) e^y), stable. */
    public static double mix(double w, double x, double y) {
        if (w == 0) return y;
        if (w == 1) return x;
        double m = Math.max(x, y);
        return m + Math.log(w * Math.exp(x - m) + (1 - w) * Math.exp(y - m));
    }

    @Override
    public double[][] nextLogProbs(String left, List<String> suffixes) {
        double[][] x = a.nextLogProbs(left, suffixes), y = b.nextLogProbs(left, suffixes);
        for (int i = 0; i < x.length; i++) for (int j = 0; j < x[i].length; j++) x[i][j] = mix(weightA, x[i][j], y[i][j]);
        return x;
    }

    @Override
    public double[][] suffixLetterLogProbs(String left, List<String> suffixes) {
        double[][] x = a.suffixLetterLogProbs(left, suffixes), y = b.suffixLetterLogProbs(left, suffixes);
        for (int i = 0; i < x.length; i++) for (int j = 0; j < x[i].length; j++) x[i][j] = mix(weightA, x[i][j], y[i][j]);
        return x;
    }

    @Override
    public double[] textLetterLogProbs(String text) {
        double[] x = a.textLetterLogProbs(text), y = b.textLetterLogProbs(text);
        for (int i = 0; i < x.length; i++) x[i] = mix(weightA, x[i], y[i]);
        return x;
    }

    @Override
    public String describe() {
        return String.format("%.2f x (%s) + %.2f x (%s)", weightA, a.describe(), 1 - weightA, b.describe());
    }
}
