package org.scrollwork.aunn.eval;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EvaluatorTest {

    @Test
    void onePassScoreEqualsTheTwoPassBitsAndExpectedByteError() {
        InMemoryByteSource source = InMemoryByteSource.of(16, Fixtures.structuredVolume(16));
        AunnConfig config = Fixtures.small().withHeads(0, 4).withOptim(3e-3, 5, 30, 0.01);
        try (AunnModel m = new AunnModel(config); AunnTrainer t = new AunnTrainer(m)) {
            t.train(source, new UniformRandom(128, 5), 30); // logits away from the initial ones
            long[] idx = Evaluator.indices(source, Role.TRAIN, 7, 7 + 250); // three batches of 100, the last one short
            Evaluator.Score s = Evaluator.score(m, source, idx, 100);

            double bits = Evaluator.bitsPerByte(m, source, idx, 100);
            double[] e = Predictor.expectation(m, idx, 100);
            int[] truth = new int[idx.length];
            source.bytesAt(idx, truth);
            double se = 0;
            for (int i = 0; i < e.length; i++) se += (e[i] - truth[i]) * (e[i] - truth[i]);
            double rmse = Math.sqrt(se / e.length);
            assertEquals(bits, s.bitsPerByte(), 1e-9 * bits);
            assertEquals(rmse, s.expectedByteRmse(), 1e-9 * rmse);
            assertNotEquals(8.0, bits, 1e-3, "a trained model should not score the uniform 8 bits");

            // and both against the formulas evaluated in double from the logits: float32 rounding apart
            float[] l = Predictor.logits(m, idx, 100);
            double nats = 0, se2 = 0;
            for (int i = 0; i < idx.length; i++) {
                double[] p = Sampler.softmax(l, i * 256, 1.0);
                nats -= Math.log(p[truth[i]]);
                double d = Predictor.expectedByte(p) - truth[i];
                se2 += d * d;
            }
            assertEquals(nats / Math.log(2) / idx.length, s.bitsPerByte(), 1e-5 * bits);
            assertEquals(Math.sqrt(se2 / idx.length), s.expectedByteRmse(), 1e-6 * rmse);
        }
    }

    @Test
    void scoringNothingIsRefused() {
        InMemoryByteSource source = InMemoryByteSource.of(16, Fixtures.structuredVolume(8));
        try (AunnModel m = new AunnModel(Fixtures.small())) {
            assertThrows(IllegalArgumentException.class, () -> Evaluator.score(m, source, new long[0], 100));
        }
    }
}
