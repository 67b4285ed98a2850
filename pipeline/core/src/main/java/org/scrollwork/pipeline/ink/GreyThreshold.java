package org.scrollwork.pipeline.ink;

import org.scrollwork.pipeline.eval.InkScores;

/**
 * The baseline of the ink task: one threshold on the grey value of one layer of the surface (or of the mean of all
 * layers), optionally smoothed in the layer's plane by a Gaussian, ink above it (or below it: {@code brighter} false);
 * layer, smoothing, side and threshold chosen for the best F0.5 on the known label pixels.
 *
 * @param layer     the layer thresholded, or -1 for the mean of all layers
 * @param sigma     the in-plane Gaussian's sigma in pixels, 0 for none
 * @param brighter  whether ink is where the grey value is at least the threshold (else at most)
 * @param threshold the grey value
 * @param chosenOn  the scores on the known pixels
 */
public record GreyThreshold(int layer, double sigma, boolean brighter, double threshold, InkScores chosenOn) {

    /**
     * The best grey threshold on the pixels {@code known} among layers and the in-plane smoothings {@code sigmas};
     * {@code surface} holds the surface's voxels, x fastest, layer slowest, {@code width} pixels to a row.
     */
    public static GreyThreshold choose(double[] surface, int width, int pixels, int layers, boolean[] ink, boolean[] known, double... sigmas) {
        GreyThreshold best = null;
        for (double sigma : sigmas) {
            for (int k = -1; k < layers; k++) {
                double[] grey = GaussianBlur.plane(grey(surface, pixels, layers, k), width, sigma);
                for (int side = 0; side < 2; side++) {
                    double[] score = side == 0 ? grey : negate(grey);
                    InkThreshold t = InkThreshold.choose(score, ink, known);
                    if (best == null || t.chosenOn().f05() > best.chosenOn().f05()) {
                        best = new GreyThreshold(k, sigma, side == 0, side == 0 ? t.threshold() : -t.threshold(), t.chosenOn());
                    }
                }
            }
        }
        return best;
    }

    /** This threshold applied to the pixels {@code on}. */
    public InkScores on(double[] surface, int width, int pixels, int layers, boolean[] ink, boolean[] on) {
        double[] grey = GaussianBlur.plane(grey(surface, pixels, layers, layer), width, sigma);
        return brighter ? InkThreshold.apply(grey, ink, on, threshold) : InkThreshold.apply(negate(grey), ink, on, -threshold);
    }

    /** Layer {@code k} of the surface, or the mean of its layers for {@code k = -1}. */
    static double[] grey(double[] surface, int pixels, int layers, int k) {
        double[] out = new double[pixels];
        if (k >= 0) {
            System.arraycopy(surface, k * pixels, out, 0, pixels);
            return out;
        }
        for (int z = 0; z < layers; z++) for (int i = 0; i < pixels; i++) out[i] += surface[z * pixels + i] / layers;
        return out;
    }

    private static double[] negate(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = -a[i];
        return out;
    }

    /** {@code layer 8, grey >= 186} or {@code mean of the layers, grey <= 90}. */
    public String describe() {
        return (layer < 0 ? "mean of the layers" : "layer " + layer) + (sigma > 0 ? String.format(java.util.Locale.ROOT, " (Gaussian σ %.0f px)", sigma) : "")
                + String.format(java.util.Locale.ROOT, ", grey %s %.0f", brighter ? "≥" : "≤", threshold);
    }
}
