package org.scrollwork.aunn.train;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.aunn.model.AunnModel;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MemoryFlatTest {

    @Test
    void noArraysAccumulateOverSteps() {
        InMemoryByteSource src = InMemoryByteSource.of(16, Fixtures.structuredVolume(8));
        try (AunnModel m = new AunnModel(Fixtures.small().withHeads(3, 2).withDropout(0.1)); AunnTrainer t = new AunnTrainer(m)) {
            int params = m.specs().size();
            t.train(src, new LossPrioritized(64, 0.5, 256, 1), 2);
            Evaluator.bitsPerByte(m, src, Role.TRAIN, 100);
            int model = m.liveArrays();
            int optimizer = t.optimizer().liveArrays();
            t.train(src, new LossPrioritized(64, 0.5, 256, 1), 40);
            Evaluator.bitsPerByte(m, src, Role.TRAIN, 100);
            assertEquals(params, model);
            assertEquals(model, m.liveArrays());
            assertEquals(2 * params, optimizer);
            assertEquals(optimizer, t.optimizer().liveArrays());
            assertEquals(0, t.liveStepArrays());
        }
    }
}
