package org.scrollwork.workflows.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void aResumedBarShowsTheTimeSpentBeforeAndCountsItsRateFromItsStart() {
        try (ProgressBar bar = ConsoleProgress.bar("train", 400, 120, 65.0)) {
            assertEquals(120, bar.getCurrent());
            assertEquals(120, bar.getStart(), "the estimate of the time left counts only the steps done from here");
            assertEquals(Duration.ofSeconds(65), bar.getElapsedBeforeStart());
            assertTrue(bar.getTotalElapsed().compareTo(Duration.ofSeconds(65)) >= 0);
        }
    }
}
