package org.scrollwork.experiments.aunn.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;

class DaydreamTest {

    /** A list of 100s with a held-out gap: daydreaming converges, and at the end the model predicts what it dreamed. */
    @Test
    void convergesToASelfConsistentFillingOfTheGap() {
        InMemoryByteSource src = withGap(2048, 1024, 1088, i -> 100);
        try (AunnModel m = new AunnModel(Fixtures.small()); AunnTrainer t = new AunnTrainer(m)) {
            t.train(src, new UniformRandom(256, 2), 100);
            long[] gap = Evaluator.indices(src, Role.HELD_OUT, 0, 64);
            Daydream.Result r = Daydream.run(t, src, gap, new Daydream.Options(8, 20, 128, 30, 4, 1.0, 2e-3, 4));
            assertTrue(r.converged(), "changes " + r.changes());
            assertEquals(r.predictions().size(), r.changes().size() + 1);
            double[] now = Predictor.expectation(m, gap, 64);
            double err = 0;
            for (int i = 0; i < gap.length; i++) err = Math.max(err, Math.abs(now[i] - r.last()[i]));
            assertEquals(0, err, 1e-9, "the last prediction is the model's");
            double dist = 0;
            for (double v : r.last()) dist += Math.abs(v - 100) / gap.length;
            assertTrue(dist < 15, "the filling stays near the surrounding value 100: mean distance " + dist);
        }
    }

    /** A period-4 text with a held-out gap: the categorical variant converges to the period (the low index bits carry it). */
    @Test
    void categoricalDaydreamConvergesToThePeriodicFilling() {
        int[] period = {'A', 'B', 'C', 'D'};
        InMemoryByteSource src = withGap(1024, 512, 528, i -> period[i % 4]);
        try (AunnModel m = new AunnModel(Fixtures.small()); AunnTrainer t = new AunnTrainer(m)) {
            t.train(src, new UniformRandom(256, 2), 150);
            long[] gap = Evaluator.indices(src, Role.HELD_OUT, 0, 16);
            Daydream.Result r = Daydream.runCategorical(t, src, gap, new Daydream.Options(6, 10, 64, 1.0, 3, 0.01, 1e-3, 5));
            assertTrue(r.converged(), "changes " + r.changes());
            for (int i = 0; i < gap.length; i++) assertEquals(period[(int) (gap[i] % 4)], (int) r.last()[i], "letter at " + gap[i]);
        }
    }

    /** {@code n} bytes {@code value(i)}, all TRAIN but {@code from … to-1}, which are HELD_OUT. */
    private static InMemoryByteSource withGap(int n, int from, int to, java.util.function.IntUnaryOperator value) {
        byte[] data = new byte[n];
        Role[] roles = new Role[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) value.applyAsInt(i);
            roles[i] = i >= from && i < to ? Role.HELD_OUT : Role.TRAIN;
        }
        return new InMemoryByteSource(16, 0, data, roles);
    }
}
