package org.scrollwork.io;

import java.net.URI;
import java.nio.file.Path;
import org.scrollwork.files.CorruptFile;

/**
 * A file ends before the data its header announces (or, over HTTP, a body ends before its {@code Content-Length}). One
 * of the {@link CorruptFile} family.
 */
public class TruncatedFileException extends FormatException implements CorruptFile {
    private static final long serialVersionUID = 1L;
    private final long expectedBytes;
    private final long actualBytes;
    private final String what;

    public TruncatedFileException(Path path, long expectedBytes, long actualBytes, String what) {
        super(path, message(expectedBytes, actualBytes, what));
        this.expectedBytes = expectedBytes;
        this.actualBytes = actualBytes;
        this.what = what;
    }

    /** A response body read over HTTP(S), named by its URL. */
    public TruncatedFileException(URI uri, long expectedBytes, long actualBytes, String what) {
        super(uri, message(expectedBytes, actualBytes, what));
        this.expectedBytes = expectedBytes;
        this.actualBytes = actualBytes;
        this.what = what;
    }

    private static String message(long expectedBytes, long actualBytes, String what) {
        return "truncated: " + what + " needs " + expectedBytes + " bytes but only " + actualBytes + " are there";
    }

    public long expectedBytes() { return expectedBytes; }

    public long actualBytes() { return actualBytes; }

    @Override public FormatException at(URI url) {
        FormatException e = new TruncatedFileException(url, expectedBytes, actualBytes, what);
        e.initCause(this);
        return e;
    }
}
