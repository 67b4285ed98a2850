package org.scrollwork.workflows.fiji;

import ij.IJ;
import org.scrollwork.pipeline.Progress;

/**
 * {@link Progress} in ImageJ: log lines and tasks in the status bar (a task's line is its name followed by the message
 * of its latest report), a task's fraction done in the progress bar. Cancellation with Esc ({@link IJ#escapePressed()}):
 * a task's next report throws {@link CancelledException}, and so does {@link #check()}, for work between reports.
 * Without an ImageJ window it shows nothing.
 */
public class ImageJProgress implements Progress {
    /** Progress that reports to ImageJ's status bar. */
    public static ImageJProgress imageJ() { return new ImageJProgress(); }

    /** Shows the line in the status bar. */
    @Override public void log(String line) { IJ.showStatus(line); }

    @Override public Task start(String name, long done, long total, double elapsedSeconds) {
        show(name, done, total);
        return new Task() {
            /** @throws CancelledException if the user pressed Esc (the flag is reset) */
            @Override public void advance(long d, long t, String message) {
                check();
                show(name + message, d, t);
            }

            @Override public void close() { IJ.showProgress(1.0); }
        };
    }

    private static void show(String status, long done, long total) {
        IJ.showStatus(status);
        IJ.showProgress(total <= 0 ? 1.0 : (double) done / total);
    }

    /**
     * @throws CancelledException if the user pressed Esc (the flag is reset)
     */
    public void check() {
        if (cancelled()) {
            IJ.resetEscape();
            IJ.showProgress(1.0);
            throw new CancelledException();
        }
    }

    /** Whether the user asked to stop. */
    protected boolean cancelled() { return IJ.escapePressed(); }
}
