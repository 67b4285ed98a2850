package org.scrollwork.corpus;

import java.nio.file.Path;
import java.util.List;

/**
 * Result of {@link Corpus#verify()}: every record's bytes checked against its CRC32C.
 *
 * @param recordsChecked number of records examined
 * @param bytesChecked   stored bytes read
 * @param damaged        records whose bytes are missing or do not match, in id order
 */
public record VerifyReport(int recordsChecked, long bytesChecked, List<Damage> damaged) {
    public VerifyReport {
        damaged = List.copyOf(damaged);
    }

    /** One damaged record: the segment holding it, the byte offset in that file where its data starts, what is wrong. */
    public record Damage(int recordId, Path segment, long offset, String reason) {
        @Override public String toString() { return "record " + recordId + " in " + segment + " at byte " + offset + ": " + reason; }
    }

    public boolean ok() { return damaged.isEmpty(); }
}
