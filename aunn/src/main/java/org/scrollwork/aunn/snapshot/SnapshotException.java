package org.scrollwork.aunn.snapshot;

import java.nio.file.Path;

/**
 * A snapshot could not be written, read or applied. The message names the file and what is
 * wrong; {@link #kind()} says which rule of {@code SNAPSHOT.md} failed. A damaged file (kinds
 * {@code TRUNCATED}, {@code CORRUPT}) is a {@link CorruptSnapshotException}.
 */
public class SnapshotException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** Reading or writing failed at the file-system level. */
        IO,
        /** The file is shorter than its header or trailer says. */
        TRUNCATED,
        /** Bad magic, version, checksum or header. */
        CORRUPT,
        /** The snapshot's config differs from the one the caller expects. */
        CONFIG_MISMATCH,
        /** The snapshot was trained on other data (different source fingerprint). */
        FINGERPRINT_MISMATCH
    }

    private final Path file;
    private final Kind kind;

    public SnapshotException(Path file, Kind kind, String reason) {
        this(file, kind, reason, null);
    }

    public SnapshotException(Path file, Kind kind, String reason, Throwable cause) {
        super("snapshot " + file + ": " + reason, cause);
        this.file = file;
        this.kind = kind;
    }

    public Path file() { return file; }

    public Kind kind() { return kind; }
}
