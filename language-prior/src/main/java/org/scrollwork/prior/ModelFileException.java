package org.scrollwork.prior;

import java.nio.file.Path;

/**
 * A model file could not be written or read: missing, truncated, corrupted (bad magic or checksum), of an
 * unsupported version, or holding a model that does not match this code (alphabet, shapes). The message names the
 * file and what is wrong. A damaged file (truncated, bad magic, checksum) is a {@link CorruptModelFileException}.
 */
public class ModelFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Path path;

    public ModelFileException(Path path, String reason) {
        super(path + ": " + reason);
        this.path = path;
    }

    public ModelFileException(Path path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = path;
    }

    /** The model file concerned. */
    public Path path() { return path; }
}
