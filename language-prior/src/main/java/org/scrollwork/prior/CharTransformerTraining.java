package org.scrollwork.prior;

/**
 * How a {@link CharTransformer} is trained: every step takes {@code batchSize} windows of the model's window length at
 * seeded random places in the training texts (half of them cut short at a random length and padded), masks spans of
 * 1–10 letters and single letters in each ({@link MaskedWindows}), and minimises the cross-entropy of the masked letters
 * with AdamW; the learning rate rises linearly over {@code warmup} steps, then falls by a cosine to 5 % of its peak.
 *
 * @param steps optimizer steps, >= 1
 * @param batchSize windows per step, >= 1
 * @param learningRate peak learning rate, > 0
 * @param warmup steps of linear warm-up, 0 … steps
 * @param weightDecay AdamW's decoupled weight decay, >= 0
 * @param seed seed of the initialisation, the window and mask draws and the dropout
 */
public record CharTransformerTraining(int steps, int batchSize, float learningRate, int warmup, float weightDecay, long seed) {

    public CharTransformerTraining {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1");
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1");
        if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate must be > 0");
        if (warmup < 0 || warmup > steps) throw new IllegalArgumentException("warmup must be in 0.." + steps + ", was " + warmup);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay must be >= 0, was " + weightDecay);
    }

    /** The learning rate of update number {@code t} (1-based). */
    public float learningRateAt(int t) {
        if (t <= warmup) return learningRate * t / Math.max(1, warmup);
        double progress = Math.min(1.0, (double) (t - warmup) / Math.max(1, steps - warmup));
        double lo = 0.05 * learningRate;
        return (float) (lo + (learningRate - lo) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
