package org.scrollwork.prior;

/**
 * How a {@link CharLm} is trained: Adam with a cosine learning-rate schedule over {@code steps} steps; each step
 * takes {@code batchSize} windows of {@code windowLength} consecutive letters at seeded random positions inside one
 * training text; every window starts from the zero state and the start symbol, as the model is used at inference.
 *
 * @param steps optimizer steps, >= 1
 * @param batchSize windows per step, >= 1
 * @param windowLength letters per window, >= 2
 * @param learningRate peak learning rate (> 0), decayed by cosine to 5 % of it
 * @param seed seed of the window sampler and of parameter initialisation
 */
public record CharLmTraining(int steps, int batchSize, int windowLength, float learningRate, long seed) {

    public CharLmTraining {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1");
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1");
        if (windowLength < 2) throw new IllegalArgumentException("windowLength must be >= 2");
        if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate must be > 0");
    }
}
