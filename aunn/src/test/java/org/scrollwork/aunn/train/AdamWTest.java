package org.scrollwork.aunn.train;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdamWTest {

    /**
     * Adam's first step moves every parameter with a non-negligible gradient by exactly the
     * learning rate (m/sqrt(v) = sign(g)); memory parameters by lr * memoryLrMultiplier.
     */
    @Test
    void firstStepMovesEachWeightByTheLearningRateAndMemoryFaster() {
        double lr = 1e-3;
        AunnConfig c = Fixtures.small().withHeads(0, 4).withOptim(lr, 0, 100, 0.0);
        long[] idx = {1, 2, 3, 500, 9000};
        int[] bytes = {5, 6, 7, 8, 9};
        try (AunnModel m = new AunnModel(c); AunnTrainer t = new AunnTrainer(m)) {
            Map<String, float[]> before = m.exportParameters();
            t.step(idx, bytes, lr);
            Map<String, float[]> after = m.exportParameters();
            check(before.get("blocks.0.fc1.weight"), after.get("blocks.0.fc1.weight"), lr);
            check(before.get("head.bias"), after.get("head.bias"), lr);
            check(before.get("memory.units"), after.get("memory.units"), lr * c.memoryLrMultiplier());
        }
    }

    private static void check(float[] a, float[] b, double expected) {
        int moved = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(b[i] - a[i]);
            assertTrue(d <= expected * 1.0001 + 1e-7, "moved " + d + " > " + expected);
            if (Math.abs(d - expected) < expected * 1e-2) moved++;
        }
        assertTrue(moved > a.length * 0.9, moved + " of " + a.length + " moved by exactly " + expected);
    }

    @Test
    void learningRateWarmsUpThenDecaysByCosineToTheFloor() {
        LearningRate s = new LearningRate(1.0, 10, 110);
        assertEquals(0.1, s.at(0), 1e-12);
        assertEquals(1.0, s.at(9), 1e-12);
        assertEquals(1.0, s.at(10), 1e-12);
        assertEquals(0.1 + 0.9 * 0.5, s.at(60), 1e-12);
        assertEquals(0.1, s.at(110), 1e-12);
        assertEquals(0.1, s.at(5000), 1e-12);
    }
}
