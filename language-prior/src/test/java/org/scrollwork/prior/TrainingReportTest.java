package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log lines of a training run, as `scrollwork lm train` prints them, and the progress told of every step. */
class TrainingReportTest {

    private final List<String> lines = new ArrayList<>();
    private final List<CharLmProgress> steps = new ArrayList<>();
    private final TrainingReport report = new TrainingReport(lines::add, steps::add, "bits/char");
    private Locale before;

    @BeforeEach
    void englishNumbers() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.ROOT);
    }

    @AfterEach
    void restoreLocale() { Locale.setDefault(before); }

    @Test
    void aLogStepIsLoggedWithItsMeasurementAndEveryStepIsReported() {
        CharLmProgress quiet = new CharLmProgress(99, 260, 3.0, Double.NaN, false, 4.2);
        CharLmProgress plain = new CharLmProgress(100, 260, 2.9804, Double.NaN, false, 4.6);
        CharLmProgress best = new CharLmProgress(250, 260, 2.5, 2.31249, true, 12.4);
        CharLmProgress worse = new CharLmProgress(260, 260, 2.4996, 2.4, false, 13.5);
        report.step(quiet, false, false);
        report.step(plain, false, true);
        report.step(best, true, true);
        report.step(worse, true, true);
        assertEquals(List.of(quiet, plain, best, worse), steps);
        assertEquals(List.of(
                "step 100/260  train 2.980 bits/char  5 s",
                "step 250/260  train 2.500 bits/char  validation 2.312 (best)  12 s",
                "step 260/260  train 2.500 bits/char  validation 2.400  14 s"), lines);
    }

    @Test
    void resumingNamesTheFileAndTheStep() {
        report.resuming(Path.of("run.swlm.ckpt"), 40, 260);
        assertEquals(List.of("resuming from run.swlm.ckpt at step 40/260"), lines);
    }
}
