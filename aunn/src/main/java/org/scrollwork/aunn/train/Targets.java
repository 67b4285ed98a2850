package org.scrollwork.aunn.train;

/**
 * What a training step fits at each index of a batch of {@code n}: either hard bytes
 * (cross-entropy) or soft byte distributions (cross-entropy against a teacher's distribution,
 * i.e. KL up to a constant: distillation), and optionally embedding targets for the embedding head
 * (mean squared error per dimension, weighted by {@code embeddingWeight}).
 *
 * @param bytes           {@code n} bytes, or null when {@code soft} is given
 * @param soft            {@code n * 256} probabilities (rows sum to 1), or null
 * @param embeddings      {@code n * embeddingDim} targets, or null
 * @param embeddingWeight weight of the embedding loss (bits-scale units per squared error)
 */
public record Targets(int[] bytes, float[] soft, float[] embeddings, double embeddingWeight) {
    public Targets {
        if ((bytes == null) == (soft == null)) throw new IllegalArgumentException("give exactly one of hard bytes and soft distributions");
        if (soft != null && soft.length % 256 != 0) throw new IllegalArgumentException("soft targets must be n * 256 values");
        if (embeddingWeight < 0) throw new IllegalArgumentException("embedding weight must be >= 0");
    }

    /** Hard byte targets only. */
    public static Targets hard(int[] bytes) { return new Targets(bytes, null, null, 0); }

    /** Number of examples. */
    public int size() { return bytes != null ? bytes.length : soft.length / 256; }
}
