package org.scrollwork.aunn.eval;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamicEvaluationTest {

    @Test
    void dynamicEvaluationBeatsStaticOnAHeldOutRange() {
        // indices 0..2047 train: period-8 pattern A; 2048..3071 held out: period-8 pattern B, unseen in training
        int[] a = {3, 141, 59, 26, 53, 58, 97, 93};
        int[] b = {200, 10, 77, 77, 130, 1, 250, 64};
        byte[] data = new byte[3072];
        Role[] roles = new Role[3072];
        for (int i = 0; i < 3072; i++) {
            data[i] = (byte) (i < 2048 ? a[i % 8] : b[i % 8]);
            roles[i] = i < 2048 ? Role.TRAIN : Role.HELD_OUT;
        }
        InMemoryByteSource src = new InMemoryByteSource(16, 0, data, roles);
        try (AunnModel m = new AunnModel(Fixtures.small()); AunnTrainer t = new AunnTrainer(m)) {
            t.train(src, new UniformRandom(256, 11), 150);
            double train = Evaluator.bitsPerByte(m, src, Role.TRAIN, 4096);
            long[] held = Evaluator.indices(src, Role.HELD_OUT, 0, src.count(Role.HELD_OUT));
            DynamicEvaluation.Report r;
            try (AunnModel copy = m.copy(); AunnTrainer ct = new AunnTrainer(copy)) {
                r = DynamicEvaluation.run(ct, src, held, 64, 5, 3e-3);
            }
            assertEquals(r.staticBitsPerByte(), Evaluator.bitsPerByte(m, src, held, 4096), 1e-9, "the original model is untouched");
            System.out.printf("train %.3f, held-out static %.3f, dynamic %.3f bits/byte%n", train, r.staticBitsPerByte(), r.dynamicBitsPerByte());
            assertEquals(16, r.chunks());
            assertTrue(train < 0.5, "training should fit pattern A: " + train);
            assertTrue(r.dynamicBitsPerByte() < r.staticBitsPerByte() - 1.0, "dynamic " + r.dynamicBitsPerByte() + " vs static " + r.staticBitsPerByte());
        }
    }
}
