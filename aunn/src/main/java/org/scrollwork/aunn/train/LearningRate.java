package org.scrollwork.aunn.train;

/**
 * Linear warm-up to the peak rate, then cosine decay to {@code FLOOR} of it at {@code totalSteps};
 * constant at the floor afterwards. Steps count from 0.
 */
public record LearningRate(double peak, int warmupSteps, int totalSteps) {
    /** Fraction of the peak kept after the decay. */
    public static final double FLOOR = 0.1;

    /** The rate at {@code step}. */
    public double at(long step) {
        if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
        double span = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (step - warmupSteps) / span);
        return peak * (FLOOR + (1 - FLOOR) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
