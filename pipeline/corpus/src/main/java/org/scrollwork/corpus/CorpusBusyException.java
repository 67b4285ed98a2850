package org.scrollwork.corpus;

import java.nio.file.Path;

/**
 * Another writer (another process, or another open Corpus in this one) holds a corpus's writer lock.
 * Not an error in the data: waiting for the writer to finish and retrying succeeds.
 */
public class CorpusBusyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final transient Path lockFile;

    public CorpusBusyException(Path lockFile) {
        super(lockFile + ": another process (or another Corpus in this process) is writing this corpus; try again when it is done");
        this.lockFile = lockFile;
    }

    /** The lock file ({@code DIR/lock}). */
    public Path lockFile() { return lockFile; }
}
