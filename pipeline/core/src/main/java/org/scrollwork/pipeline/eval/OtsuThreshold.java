package org.scrollwork.pipeline.eval;

/**
 * Otsu's threshold between background and material: the grey level that maximises the between-class variance of a
 * 256-bin histogram over the values' range, computed as scikit-image's {@code threshold_otsu} does for float images
 * (the threshold is a bin centre; material is what lies above it).
 */
public final class OtsuThreshold {
    static final int BINS = 256;

    private OtsuThreshold() {}

    /** The threshold of {@code values}; their common value when all are equal. */
    public static double of(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("Otsu's threshold needs at least one value");
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min == max) return min;
        double[] hist = new double[BINS];
        double width = (max - min) / BINS;
        for (double v : values) hist[Math.min(BINS - 1, (int) ((v - min) / (max - min) * BINS))]++;
        double[] centre = new double[BINS];
        for (int i = 0; i < BINS; i++) centre[i] = min + (i + 0.5) * width;
        double[] w1 = new double[BINS], m1 = new double[BINS], w2 = new double[BINS], m2 = new double[BINS];
        double w = 0, s = 0;
        for (int i = 0; i < BINS; i++) {
            w += hist[i];
            s += hist[i] * centre[i];
            w1[i] = w;
            m1[i] = s / w;
        }
        w = 0;
        s = 0;
        for (int i = BINS - 1; i >= 0; i--) {
            w += hist[i];
            s += hist[i] * centre[i];
            w2[i] = w;
            m2[i] = s / w;
        }
        int best = 0;
        double bestVar = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < BINS - 1; i++) {
            double d = m1[i] - m2[i + 1];
            double var = w1[i] * w2[i + 1] * d * d;
            if (var > bestVar) { // the first maximum, as numpy's argmax (the first and last bins are never empty, so no weight is 0)
                bestVar = var;
                best = i;
            }
        }
        return centre[best];
    }
}
