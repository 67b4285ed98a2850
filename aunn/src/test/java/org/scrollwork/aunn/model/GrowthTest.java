package org.scrollwork.aunn.model;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrowthTest {
    private final InMemoryByteSource source = InMemoryByteSource.of(16, Fixtures.structuredVolume(16));
    private final long[] probe = probeIndices();

    private static long[] probeIndices() {
        long[] idx = new long[512];
        for (int i = 0; i < idx.length; i++) idx[i] = (i * 2654435761L) & 0xFFFF; // spread over the whole 16-bit space, padding too
        return idx;
    }

    /** A trained (non-trivial) model with memory units and an embedding head. */
    private AunnModel trained() {
        AunnModel m = new AunnModel(Fixtures.small().withShape(32, 2).withHeads(6, 3));
        try (AunnTrainer t = new AunnTrainer(m)) {
            t.train(source, new UniformRandom(256, 3), 30);
        }
        return m;
    }

    @Test
    void wideningPreservesPredictions() {
        try (AunnModel m = trained(); AunnModel wide = Growth.widen(m, 2, 0.5, 9)) {
            assertEquals(64, wide.config().width());
            assertEquals(m.config().depth(), wide.config().depth());
            assertClose(m, wide);
        }
    }

    @Test
    void wideningByThreeWithoutNoisePreservesPredictions() {
        try (AunnModel m = trained(); AunnModel wide = Growth.widen(m, 3, 0.0, 1)) {
            assertClose(m, wide);
        }
    }

    @Test
    void deepeningInsertsIdentityBlocks() {
        try (AunnModel m = trained(); AunnModel deep = Growth.deepen(m, 1, 2, 4); AunnModel deeper = Growth.deepen(deep, 4, 1, 5)) {
            assertEquals(5, deeper.config().depth());
            assertClose(m, deeper);
        }
    }

    @Test
    void grownModelsKeepTraining() {
        try (AunnModel m = trained(); AunnModel wide = Growth.widen(m, 2, 0.5, 9); AunnTrainer t = new AunnTrainer(wide)) {
            double first = t.train(source, new UniformRandom(256, 4), 1);
            double last = t.train(source, new UniformRandom(256, 4), 40);
            assertTrue(last < first, first + " -> " + last);
        }
    }

    private void assertClose(AunnModel a, AunnModel b) {
        float[] la = Predictor.logits(a, probe, 512);
        float[] lb = Predictor.logits(b, probe, 512);
        double max = 0;
        for (int i = 0; i < la.length; i++) max = Math.max(max, Math.abs(la[i] - lb[i]));
        assertTrue(max < 1e-4, "max abs logit difference " + max);
    }
}
