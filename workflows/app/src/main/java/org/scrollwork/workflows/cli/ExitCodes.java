package org.scrollwork.workflows.cli;

/**
 * The exit codes of {@code scrollwork} and its subcommands ({@code ScrollworkCli} names them too, for callers outside
 * the command line's package).
 */
public final class ExitCodes {
    /** Bad input data (a file that is not what it claims, a corrupt store). */
    public static final int BAD_INPUT = 3;
    /** Another process is writing the corpus (its lock is held); retrying later, or {@code ingest --wait}, succeeds. */
    public static final int BUSY = 4;
    /** Other failures (I/O errors, bugs). */
    public static final int FAILURE = 1;

    private ExitCodes() {}
}
