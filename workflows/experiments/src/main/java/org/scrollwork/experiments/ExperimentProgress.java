package org.scrollwork.experiments;

/** Where an experiment reports what it is doing: one status line per phase, and step counts within a phase. */
public interface ExperimentProgress {

    /** A new phase begins (e.g. "training the serial model"). */
    void phase(String description);

    /** {@code done} of {@code total} units of the current phase are finished. */
    void step(long done, long total);

    /** Prints nothing. */
    static ExperimentProgress silent() {
        return new ExperimentProgress() {
            @Override public void phase(String description) { }
            @Override public void step(long done, long total) { }
        };
    }
}
