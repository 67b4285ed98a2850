package org.scrollwork.scaleout;

import java.io.Serializable;
import org.scrollwork.aunn.model.AunnConfig;

/**
 * The model and optimizer settings of a data-parallel training, in a form Spark can ship to executors.
 *
 * @param totalSteps the steps of one replica over the whole run (rounds x local steps): the learning-rate schedule's length
 */
public record TrainSettings(int indexBits, int width, int depth, int batchSize, double lr, int warmupSteps, int totalSteps,
                            double weightDecay, long seed) implements Serializable {
    private static final long serialVersionUID = 1L;

    public AunnConfig config() {
        return AunnConfig.defaults().withIndexBits(indexBits).withShape(width, depth).withBatchSize(batchSize)
                .withOptim(lr, warmupSteps, totalSteps, weightDecay).withSeed(seed);
    }

    /** The same settings with another schedule length (a single-process baseline that takes every step itself). */
    public TrainSettings withTotalSteps(int steps, int warmup) {
        return new TrainSettings(indexBits, width, depth, batchSize, lr, warmup, steps, weightDecay, seed);
    }
}
