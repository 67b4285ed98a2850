package org.scrollwork.aunn.eval;

import org.scrollwork.aunn.model.SplitMix64;

/**
 * Draws a byte from 256 logits with temperature and top-k, from a seeded {@link SplitMix64}.
 * Temperature 0 (or top-k 1) is argmax. Ties in top-k keep the lower byte value.
 */
public final class Sampler {
    private Sampler() {}

    /** Index of the largest of {@code logits[offset .. offset+256)}; the lowest on ties. */
    public static int argmax(float[] logits, int offset) {
        int best = 0;
        for (int b = 1; b < 256; b++) if (logits[offset + b] > logits[offset + best]) best = b;
        return best;
    }

    /** Softmax of {@code logits[offset .. offset+256) / temperature}. */
    public static double[] softmax(float[] logits, int offset, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < 256; b++) max = Math.max(max, logits[offset + b]);
        double[] p = new double[256];
        double sum = 0;
        for (int b = 0; b < 256; b++) sum += p[b] = Math.exp((logits[offset + b] - max) / temperature);
        for (int b = 0; b < 256; b++) p[b] /= sum;
        return p;
    }

    /**
     * Samples a byte.
     *
     * @param temperature 0 for argmax, else positive
     * @param topK        1..256; only the {@code topK} most probable bytes can be drawn
     */
    public static int sample(float[] logits, int offset, double temperature, int topK, SplitMix64 rng) {
        if (temperature < 0 || topK < 1 || topK > 256) throw new IllegalArgumentException("temperature must be >= 0 and topK in 1..256");
        if (temperature == 0 || topK == 1) return argmax(logits, offset);
        double[] p = softmax(logits, offset, temperature);
        if (topK < 256) {
            Integer[] order = new Integer[256];
            for (int b = 0; b < 256; b++) order[b] = b;
            java.util.Arrays.sort(order, (a, c) -> p[a] != p[c] ? Double.compare(p[c], p[a]) : Integer.compare(a, c));
            for (int r = topK; r < 256; r++) p[order[r]] = 0;
        }
        double total = 0;
        for (double v : p) total += v;
        double u = rng.nextDouble() * total;
        double acc = 0;
        int last = 0;
        for (int b = 0; b < 256; b++) {
            if (p[b] == 0) continue;
            acc += p[b];
            last = b;
            if (acc > u) return b;
        }
        return last;
    }
}
