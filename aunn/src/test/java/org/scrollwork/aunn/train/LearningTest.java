package org.scrollwork.aunn.train;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearningTest {

    @Test
    void learnsAStructuredVolumeToUnderOneBitPerByte() {
        byte[] data = Fixtures.structuredVolume(16);
        InMemoryByteSource src = InMemoryByteSource.of(16, data);
        AunnConfig c = Fixtures.small().withOptim(3e-3, 30, 600, 0.0);
        try (AunnModel m = new AunnModel(c); AunnTrainer t = new AunnTrainer(m)) {
            double before = Evaluator.bitsPerByte(m, src, Role.TRAIN, 4096);
            long t0 = System.nanoTime();
            t.train(src, new UniformRandom(512, 1), 600);
            double after = Evaluator.bitsPerByte(m, src, Role.TRAIN, 4096);
            System.out.printf("structured 16^3: %.3f -> %.3f bits/byte in %.1f s%n", before, after, (System.nanoTime() - t0) / 1e9);
            assertTrue(before > 6, "untrained model should be near uniform: " + before);
            assertTrue(after < 1.0, "bits/byte after training: " + after);
            int[] pred = Predictor.argmax(m, Evaluator.indices(src, Role.TRAIN, 0, 4096), 4096);
            int correct = 0;
            for (int i = 0; i < pred.length; i++) if (pred[i] == (data[i] & 0xFF)) correct++;
            assertTrue(correct > 0.9 * pred.length, "argmax accuracy " + correct + "/4096");
            assertEquals(0, t.liveStepArrays(), "step arrays must be freed after each step");
        }
    }
}
