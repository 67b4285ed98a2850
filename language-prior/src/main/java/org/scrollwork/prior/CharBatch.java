package org.scrollwork.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.function.UnaryOperator;

/**
 * One training step's batch, made by a {@link CharObjective} on the step's sub-manager.
 *
 * @param input the model's input
 * @param loss the loss to minimise (mean cross-entropy in nats, a scalar) of the model's output (its first array, the
 *     logits)
 */
record CharBatch(NDList input, UnaryOperator<NDArray> loss) {}
