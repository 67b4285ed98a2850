package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The running loss, the best measurement and the seconds a run carries, fresh and resumed, against hand-computed values. */
class TrainingStateTest {

    private static final Supplier<byte[]> NOT_ASKED = () -> { throw new AssertionError("parameters taken for a measurement that is not the best"); };

    private static CharLmCheckpoint.Header header(int step, Double trainBits, Double best, double seconds) {
        return new CharLmCheckpoint.Header(CharLmConfig.of(16, 1, 0f), new CharLmTraining(260, 4, 16, 0.02f, 9), "corpus", step,
                trainBits, best, seconds);
    }

    @Test
    void theRunningLossStartsAtTheFirstStepsLossThenKeeps98Percent() {
        TrainingState s = TrainingState.fresh();
        assertEquals(0, s.start());
        assertTrue(Double.isNaN(s.runningBits()));
        s.trained(3f);
        assertEquals(3.0, s.runningBits(), 0.0);
        s.trained(2f);
        assertEquals(2.98, s.runningBits(), 1e-12);      // 0.98 * 3 + 0.02 * 2
        s.trained(1.5f);
        assertEquals(2.9504, s.runningBits(), 1e-12);    // 0.98 * 2.98 + 0.02 * 1.5
    }

    @Test
    void keepsTheBestMeasurementAndItsParametersOnly() {
        TrainingState s = TrainingState.fresh();
        assertNull(s.bestValidationBits());
        assertNull(s.bestParameters());
        assertTrue(s.measured(2.5, () -> new byte[] {1, 2}));
        assertEquals(2.5, s.bestValidationBits());
        assertFalse(s.measured(2.6, NOT_ASKED));
        assertFalse(s.measured(2.5, NOT_ASKED));
        assertFalse(s.measured(Double.NaN, NOT_ASKED));
        assertArrayEquals(new byte[] {1, 2}, s.bestParameters());
        assertTrue(s.measured(2.4, () -> new byte[] {3}));
        assertEquals(2.4, s.bestValidationBits());
        assertArrayEquals(new byte[] {3}, s.bestParameters());
    }

    @Test
    void secondsAddThoseOfEarlierCalls() {
        assertEquals(1.5, TrainingState.fresh().seconds(1.5), 0.0);
        assertEquals(13.0, TrainingState.resumed(header(40, 1.25, null, 12.5), new byte[0]).seconds(0.5), 0.0);
    }

    @Test
    void aResumedRunContinuesFromItsCheckpointsHeader() {
        TrainingState s = TrainingState.resumed(header(40, 1.25, null, 12.5), new byte[0]);
        assertEquals(40, s.start());
        assertEquals(1.25, s.runningBits(), 0.0);
        assertNull(s.bestValidationBits());
        assertNull(s.bestParameters());
        s.trained(2.25f);
        assertEquals(1.27, s.runningBits(), 1e-12);      // 0.98 * 1.25 + 0.02 * 2.25
        assertTrue(s.measured(5.0, () -> new byte[] {9}), "the first measurement is the best");

        TrainingState withBest = TrainingState.resumed(header(250, 0.9, 0.75, 30), new byte[] {7});
        assertEquals(0.75, withBest.bestValidationBits());
        assertArrayEquals(new byte[] {7}, withBest.bestParameters());
        assertFalse(withBest.measured(0.8, NOT_ASKED));
        assertTrue(withBest.measured(0.7, () -> new byte[] {8}));

        assertTrue(Double.isNaN(TrainingState.resumed(header(0, null, null, 0), new byte[0]).runningBits()), "no loss yet");
    }
}
