package org.scrollwork.prior;

/**
 * How a {@link CharLm} is trained: Adam (AdamW when {@code weightDecay > 0}) with a cosine learning-rate schedule over {@code steps} steps; each step
 * takes {@code batchSize} windows of {@code windowLength} consecutive letters at seeded random positions inside one
 * training text; every window starts from the zero state and the start symbol, as the model is used at inference.
 *
 * @param steps optimizer steps, >= 1
 * @param batchSize windows per step, >= 1
 * @param windowLength letters per window, >= 2
 * @param learningRate peak learning rate (> 0), decayed by cosine to 5 % of it
 * @param seed seed of the window sampler and of parameter initialisation
 * @param inputNoise probability, in [0, 0.5], that an input letter (never a target) is replaced by a uniformly random
 *     letter during training (data noising as smoothing, Xie et al. 2017); 0 = none
 * @param weightDecay AdamW's decoupled weight decay, >= 0; 0 = plain Adam
 */
public record CharLmTraining(int steps, int batchSize, int windowLength, float learningRate, long seed, float inputNoise,
                             float weightDecay) {

    /** Plain Adam, no input noise. */
    public CharLmTraining(int steps, int batchSize, int windowLength, float learningRate, long seed) {
        this(steps, batchSize, windowLength, learningRate, seed, 0f, 0f);
    }

    public CharLmTraining {
        if (!(inputNoise >= 0 && inputNoise <= 0.5f)) throw new IllegalArgumentException("inputNoise must be in [0, 0.5], was " + inputNoise);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay must be >= 0, was " + weightDecay);
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1");
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1");
        if (windowLength < 2) throw new IllegalArgumentException("windowLength must be >= 2");
        if (!(learningRate > 0)) throw new IllegalArgumentException("learningRate must be > 0");
    }
}
