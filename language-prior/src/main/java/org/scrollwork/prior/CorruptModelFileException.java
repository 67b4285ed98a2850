package org.scrollwork.prior;

import java.nio.file.Path;
import org.scrollwork.files.CorruptFile;

/**
 * A model file is damaged or not what it claims: too short, of another kind (bad magic), or failing its checksum. The
 * message names the file and what is wrong. Errors of an intact file that does not fit this code (version, config,
 * shapes) stay plain {@link ModelFileException}s.
 */
public class CorruptModelFileException extends ModelFileException implements CorruptFile {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public CorruptModelFileException(Path path, String reason) {
        this(path, reason, null);
    }

    public CorruptModelFileException(Path path, String reason, Throwable cause) {
        super(path, reason, cause);
        this.reason = reason;
    }

    @Override public String reason() { return reason; }
}
