package org.scrollwork.pipeline.ink;

import java.util.Arrays;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.corpus.CorpusRecord;

/**
 * The AUNN's probability of ink for every label pixel: at each layer of the pixel's column the model's distribution over
 * the label byte gives {@code P(1) / (P(0) + P(1))}; the pixel's probability is the mean over the layers (each layer was
 * trained to give the column's label).
 */
public final class InkProbability {
    private static final int BATCH = 8192;

    private InkProbability() {}

    /** {@code P(ink)} per pixel of {@code labels} ({@code x} fastest), from {@code model}. */
    public static double[] of(AunnModel model, CorpusRecord labels, int layers) {
        int nx = Math.toIntExact(labels.shape().x()), ny = Math.toIntExact(labels.shape().y());
        double[] out = new double[nx * ny];
        long[] idx = new long[BATCH];
        int[] pixel = new int[BATCH];
        int n = 0;
        for (int z = 0; z < layers; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    idx[n] = labels.indexOf(x, y, z, 0);
                    pixel[n++] = y * nx + x;
                    if (n == BATCH) { add(model, idx, pixel, n, out); n = 0; }
                }
            }
        }
        if (n > 0) add(model, idx, pixel, n, out);
        for (int i = 0; i < out.length; i++) out[i] /= layers;
        return out;
    }

    private static void add(AunnModel model, long[] idx, int[] pixel, int n, double[] out) {
        float[] l = Predictor.logits(model, n == idx.length ? idx : Arrays.copyOf(idx, n), n);
        for (int i = 0; i < n; i++) {
            double a = l[i * 256], b = l[i * 256 + 1];
            out[pixel[i]] += 1 / (1 + Math.exp(a - b)); // P(1) / (P(0) + P(1)), the softmax's other bytes cancel
        }
    }
}
