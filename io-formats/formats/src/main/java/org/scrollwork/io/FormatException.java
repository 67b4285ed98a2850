package org.scrollwork.io;

import java.nio.file.Path;

/**
 * A file is not what its reader expected: wrong magic bytes, a header that contradicts itself or
 * the file's size, an unsupported feature. Unchecked, like N5's exceptions. The message always
 * names the file and says what is wrong.
 */
public class FormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;

    public FormatException(Path path, String reason) {
        this(path, reason, null);
    }

    public FormatException(Path path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = path;
    }

    /** The file (or directory store) at fault. */
    public Path path() { return path; }
}
