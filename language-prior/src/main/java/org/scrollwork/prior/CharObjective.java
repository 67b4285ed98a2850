package org.scrollwork.prior;

import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * What a character model trains on and is measured by, as {@link CharTrainingLoop} asks: the batch and loss of every
 * step, and the bits per letter on held-out texts.
 */
interface CharObjective {

    /**
     * The batch of step {@code step} (0-based), made on {@code manager}; draws all of the step's randomness (the
     * windows, their noise or masks, the engine's seed for dropout) from generators keyed by the step, so that a resumed
     * run does the step as the uninterrupted run did.
     */
    CharBatch batch(NDManager manager, int step);

    /** Whether {@code validation} holds any text the model can be measured on. */
    boolean measures(List<String> validation);

    /** The model's bits per predicted letter on {@code validation}. */
    double validationBits(List<String> validation);
}
