package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The steps after which a run of 260 steps measures (every 250), logs (every 100) and checkpoints (every 50). */
class TrainingScheduleTest {

    private final TrainingSchedule s = new TrainingSchedule(260, 250, 100);

    @Test
    void measuresEveryIntervalAndAfterTheLastStep() {
        assertFalse(s.evaluatesAfter(1));
        assertFalse(s.evaluatesAfter(249));
        assertTrue(s.evaluatesAfter(250));
        assertFalse(s.evaluatesAfter(251));
        assertFalse(s.evaluatesAfter(259));
        assertTrue(s.evaluatesAfter(260));
    }

    @Test
    void logsEveryIntervalAndAfterTheLastStep() {
        assertFalse(s.logsAfter(99));
        assertTrue(s.logsAfter(100));
        assertTrue(s.logsAfter(200));
        assertFalse(s.logsAfter(250));
        assertTrue(s.logsAfter(260));
    }

    @Test
    void checkpointsEveryGivenIntervalAndAfterTheLastStep() {
        assertTrue(s.checkpointsAfter(50, 50));
        assertFalse(s.checkpointsAfter(70, 50));
        assertTrue(s.checkpointsAfter(250, 50));
        assertFalse(s.checkpointsAfter(255, 50));
        assertTrue(s.checkpointsAfter(260, 50));
        assertTrue(s.checkpointsAfter(1, 1));
        assertTrue(s.checkpointsAfter(260, 1000));
        assertFalse(s.checkpointsAfter(259, 1000));
    }

    @Test
    void refusesEmptyIntervals() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingSchedule(0, 250, 100));
        assertThrows(IllegalArgumentException.class, () -> new TrainingSchedule(260, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new TrainingSchedule(260, 250, 0));
    }
}
