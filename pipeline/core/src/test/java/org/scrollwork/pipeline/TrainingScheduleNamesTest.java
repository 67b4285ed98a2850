package org.scrollwork.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.train.IndexSchedule;
import org.scrollwork.aunn.train.LossPrioritized;

/** The schedules added for issue 7 as {@code train --schedule} names: chunked (dynamic-evaluation style) and prioritized. */
class TrainingScheduleNamesTest {
    @Test
    void chunkedRepeatsEachSerialBatchFourTimesAndPrioritizedMinesLosses() {
        AunnConfig c = AunnConfig.defaults().withIndexBits(8).withBatchSize(3);
        InMemoryByteSource src = InMemoryByteSource.of(8, new byte[20]);
        IndexSchedule chunked = TrainingRun.ScheduleName.valueOf("CHUNKED").create(c, 100);
        for (int s = 0; s < 4; s++) assertArrayEquals(new long[] {0, 1, 2}, chunked.next(src, s), "step " + s);
        assertArrayEquals(new long[] {3, 4, 5}, chunked.next(src, 4));
        IndexSchedule prioritized = TrainingRun.ScheduleName.valueOf("PRIORITIZED").create(c, 100);
        assertInstanceOf(LossPrioritized.class, prioritized);
        prioritized.observe(new long[] {7}, new float[] {5f});
        long[] b = prioritized.next(src, 0);
        assertEquals(7, b[0]); // half of 3 rounds to 2 drawn from the pool of one index
        assertEquals(7, b[1]);
    }
}
