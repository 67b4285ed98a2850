package org.scrollwork.corpus;

import java.nio.file.Path;
import org.scrollwork.io.CorruptDataException;

/**
 * A corpus file (segment or manifest) does not hold what the manifest promises: a checksum that
 * does not match, a file shorter than committed, a manifest that does not parse. The message names
 * the file, the byte offset (or -1 for the whole file) and what is wrong.
 */
public class CorruptCorpusException extends CorruptDataException {
    private static final long serialVersionUID = 1L;

    public CorruptCorpusException(Path path, long offset, String reason) {
        super(path, offset, reason);
    }

    public CorruptCorpusException(Path path, long offset, String reason, Throwable cause) {
        super(path, offset, reason, cause);
    }
}
