package org.scrollwork.prior;

import java.nio.file.Path;

/** A file of lacunary texts ({@link LacunaFile}) could not be read: the message names the file, the line (when one is at fault) and what is wrong. */
public class LacunaFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;
    private final int line;

    /** @param line the 1-based line at fault, or 0 when the whole file is */
    public LacunaFileException(Path path, int line, String reason, Throwable cause) {
        super(path + (line > 0 ? ":" + line : "") + ": " + reason, cause);
        this.path = path;
        this.line = line;
    }

    /** The file concerned. */
    public Path path() { return path; }

    /** The 1-based line at fault, or 0 when the whole file is. */
    public int line() { return line; }
}
