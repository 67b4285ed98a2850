package org.scrollwork.prior;

import java.nio.file.Path;

/** A corpus could not be fetched or read; the message names the file or command and what went wrong. */
public class CorpusException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Path path;

    public CorpusException(Path path, String reason) {
        super(path + ": " + reason);
        this.path = path;
    }

    public CorpusException(Path path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = path;
    }

    /** The file, folder or cache entry concerned. */
    public Path path() { return path; }
}
