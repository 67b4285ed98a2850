package org.scrollwork.io;

import java.nio.file.Path;

/** A file ends before the data its header announces. */
public class TruncatedFileException extends FormatException {
    private static final long serialVersionUID = 1L;
    private final long expectedBytes;
    private final long actualBytes;

    public TruncatedFileException(Path path, long expectedBytes, long actualBytes, String what) {
        super(path, "truncated: " + what + " needs " + expectedBytes + " bytes but only " + actualBytes + " are there");
        this.expectedBytes = expectedBytes;
        this.actualBytes = actualBytes;
    }

    public long expectedBytes() { return expectedBytes; }

    public long actualBytes() { return actualBytes; }
}
