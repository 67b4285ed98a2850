package org.scrollwork.workflows.fiji;

import ij.IJ;

/**
 * Progress in ImageJ's status bar and progress bar, and cancellation with Esc
 * ({@link IJ#escapePressed()}). Work calls {@link #check()} between units of work.
 */
public class Progress {
    /** Progress that reports to ImageJ's status bar (a no-op without an ImageJ window). */
    public static Progress imageJ() { return new Progress(); }

    /** Shows a status line and a progress fraction {@code done / total}. */
    public void show(String status, long done, long total) {
        IJ.showStatus(status);
        IJ.showProgress(total <= 0 ? 1.0 : (double) done / total);
    }

    /** Shows a status line only. */
    public void status(String status) { IJ.showStatus(status); }

    /** Clears the progress bar. */
    public void done() { IJ.showProgress(1.0); }

    /**
     * @throws CancelledException if the user pressed Esc (the flag is reset)
     */
    public void check() {
        if (cancelled()) {
            IJ.resetEscape();
            done();
            throw new CancelledException();
        }
    }

    /** Whether the user asked to stop. */
    protected boolean cancelled() { return IJ.escapePressed(); }
}
