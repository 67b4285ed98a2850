package org.scrollwork.workflows.fiji;

/** The user cancelled a command (Esc in ImageJ). Work already committed (corpus records, snapshots) stays. */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() { super("cancelled"); }
}
