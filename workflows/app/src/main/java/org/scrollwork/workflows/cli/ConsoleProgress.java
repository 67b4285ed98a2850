package org.scrollwork.workflows.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import org.scrollwork.pipeline.Progress;

/**
 * {@link Progress} on the command line: log lines to people's output, one progress bar on stderr per task (built by
 * {@link org.scrollwork.workflows.cli.Progress#bar}: redrawn in place on a terminal, a plain line now and then in a log).
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
        ProgressBar bar = org.scrollwork.workflows.cli.Progress.bar(name.length() > NAME_WIDTH ? name.substring(0, NAME_WIDTH) : name, total, done, elapsedSeconds);
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
}
