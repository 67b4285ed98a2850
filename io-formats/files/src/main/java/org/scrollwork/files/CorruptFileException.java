package org.scrollwork.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file is damaged or not what it claims ({@link CorruptFile}); the message is {@code "<file>: <what is wrong>"}.
 * Checked, as an {@link IOException}: it comes from reading a file, and {@link ChecksummedFile#read} throws it beside
 * the file system's own errors ({@link java.nio.file.NoSuchFileException}, ...).
 */
public class CorruptFileException extends IOException implements CorruptFile {
    private static final long serialVersionUID = 1L;
    private final transient Path path;
    private final String reason;

    public CorruptFileException(Path path, String reason) {
        this(path, reason, null);
    }

    public CorruptFileException(Path path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    @Override public Path path() { return path; }

    @Override public String reason() { return reason; }
}
