package org.scrollwork.workflows.cli;

import java.time.Duration;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars for long commands: redrawn in place twice a second on a terminal; in a log or a pipe
 * (no console) one plain line every ten seconds instead of a stream of carriage returns.
 */
public final class Progress {
    private Progress() {}

    /** A bar for {@code max} units of work named {@code task}; close it when done. */
    public static ProgressBar bar(String task, long max) { return bar(task, max, 0, 0); }

    /**
     * A bar for {@code max} units of work of which {@code done} were done in {@code elapsedSeconds} before (a resumed
     * run): it shows the whole elapsed time, and its estimate of the time left counts only the work done from now.
     */
    public static ProgressBar bar(String task, long max, long done, double elapsedSeconds) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .startsFrom(done, Duration.ofMillis(Math.round(elapsedSeconds * 1000)));
        if (System.console() != null) return b.setUpdateIntervalMillis(500).continuousUpdate().build();
        return b.setConsumer(new DelegatingProgressBarConsumer(System.err::println, 100)).setUpdateIntervalMillis(10_000).build();
    }
}
