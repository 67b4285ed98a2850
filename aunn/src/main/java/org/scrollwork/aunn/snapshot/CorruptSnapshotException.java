package org.scrollwork.aunn.snapshot;

import java.nio.file.Path;
import org.scrollwork.files.CorruptFile;

/**
 * A snapshot file is damaged or not what it claims: kind {@link Kind#TRUNCATED} or {@link Kind#CORRUPT} (rule 2 of
 * {@code SNAPSHOT.md}). Still a {@link SnapshotException}, with the same kind and message; a snapshot that is intact
 * but does not fit the caller (config, fingerprint) or cannot be read at all (I/O) is a plain one.
 */
public class CorruptSnapshotException extends SnapshotException implements CorruptFile {
    private static final long serialVersionUID = 1L;
    private final String reason;

    /** @param kind {@link Kind#TRUNCATED} or {@link Kind#CORRUPT} */
    public CorruptSnapshotException(Path file, Kind kind, String reason) {
        this(file, kind, reason, null);
    }

    /** @param kind {@link Kind#TRUNCATED} or {@link Kind#CORRUPT} */
    public CorruptSnapshotException(Path file, Kind kind, String reason, Throwable cause) {
        super(file, requireDamage(kind), reason, cause);
        this.reason = reason;
    }

    private static Kind requireDamage(Kind kind) {
        if (kind != Kind.TRUNCATED && kind != Kind.CORRUPT) throw new IllegalArgumentException("not a kind of damage: " + kind);
        return kind;
    }

    @Override public Path path() { return file(); }

    @Override public String reason() { return reason; }
}
