package org.scrollwork.workflows.cli;

import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.scrollwork.pipeline.Progress;

/**
 * {@link Progress} on the command line: log lines to people's output, one progress bar on stderr per task ({@link #bar}:
 * redrawn in place twice a second on a terminal; in a log or a pipe one plain line every ten seconds instead of a
 * stream of carriage returns).
 */
public final class ConsoleProgress implements Progress {
    /** Longest task name shown in front of a bar. */
    static final int NAME_WIDTH = 30;

    private final PrintWriter out;
    private final String indent;

    /** Log lines to {@code out}. */
    public ConsoleProgress(PrintWriter out) { this(out, ""); }

    /** Log lines to {@code out}, each after {@code indent}. */
    public ConsoleProgress(PrintWriter out, String indent) {
        this.out = out;
        this.indent = indent;
    }

    @Override public void log(String line) {
        out.println(indent + line);
        out.flush();
    }

    @Override public Task start(String name, long done, long total, double elapsedSeconds) {
        ProgressBar bar = bar(name.length() > NAME_WIDTH ? name.substring(0, NAME_WIDTH) : name, total, done, elapsedSeconds);
        return new Task() {
            private long max = total;
            private boolean closed;

            @Override public void advance(long d, long t, String message) {
                if (t != max) {
                    bar.maxHint(t);
                    max = t;
                }
                bar.stepTo(d);
                bar.setExtraMessage(message);
            }

            @Override public void close() {
                if (!closed) bar.close();
                closed = true;
            }
        };
    }

    /**
     * A bar for {@code max} units of work of which {@code done} were done in {@code elapsedSeconds} before (a resumed
     * run): it shows the whole elapsed time, and its estimate of the time left counts only the work done from now.
     */
    static ProgressBar bar(String task, long max, long done, double elapsedSeconds) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .startsFrom(done, Duration.ofMillis(Math.round(elapsedSeconds * 1000)));
        if (System.console() != null) return b.setUpdateIntervalMillis(500).continuousUpdate().build();
        return b.setConsumer(new DelegatingProgressBarConsumer(System.err::println, 100)).setUpdateIntervalMillis(10_000).build();
    }
}
