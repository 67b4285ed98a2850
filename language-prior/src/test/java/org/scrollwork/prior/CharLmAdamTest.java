package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/** {@link CharLmAdam}'s update against Adam written out in double precision. */
class CharLmAdamTest {

    @Test
    void clipsEachGradientElementToPlusMinusOneBothWays() {
        try (Model model = Model.newInstance("adam")) {
            Linear block = Linear.builder().setUnits(4).optBias(false).build();
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1));
            Parameter w = block.getParameters().get("weight");
            float lr = 0.01f;
            try (NDManager state = model.getNDManager().newSubManager()) {
                CharLmAdam adam = new CharLmAdam(block, Tracker.fixed(lr), 0f, state);
                float[] start = w.getArray().toFloatArray();
                // two updates; elements 0 and 1 get gradients beyond the clip, below and above, element 2 inside it
                float[][] grads = {{3f, -3f, 0.5f, -0.25f}, {-5f, 4f, -0.5f, 0.75f}};
                for (float[] g : grads) {
                    NDArray grad = model.getNDManager().create(g, new Shape(4, 1));
                    adam.update(w.getId(), w.getArray(), grad);
                    grad.close();
                }
                float[] after = w.getArray().toFloatArray();
                for (int i = 0; i < 4; i++) {
                    double m = 0, v = 0, p = start[i];
                    for (int t = 1; t <= grads.length; t++) {
                        double g = Math.max(-1, Math.min(1, grads[t - 1][i]));
                        m = CharLmAdam.BETA1 * m + (1 - CharLmAdam.BETA1) * g;
                        v = CharLmAdam.BETA2 * v + (1 - CharLmAdam.BETA2) * g * g;
                        double corrected = lr * Math.sqrt(1 - Math.pow(CharLmAdam.BETA2, t)) / (1 - Math.pow(CharLmAdam.BETA1, t));
                        p -= corrected * m / (Math.sqrt(v) + CharLmAdam.EPSILON);
                    }
                    assertEquals(p, after[i], 1e-6, "element " + i);
                }
            }
        }
    }
}
