package org.scrollwork.files;

import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The family of "this file is damaged or not what it claims" errors: truncated, bit-flipped, of another kind (bad
 * magic), a checksum that does not match. The message names the file and says what is wrong, on one line.
 *
 * <p>One type for every module: {@link CorruptFileException} is the family's own member, and each module's corrupt-file
 * exceptions implement this while keeping the superclass their callers catch ({@code FormatException},
 * {@code SnapshotException}, {@code ModelFileException}); a class cannot extend both. Whoever only needs to know
 * "is this a damaged file?" asks {@link #in}.
 */
public interface CorruptFile {

    /** The damaged file; {@code null} when what was damaged was read over HTTP and is named by its URL instead. */
    Path path();

    /** What is wrong, in one line, without the file. */
    String reason();

    /** The first corrupt-file error in {@code e}'s chain of causes, {@code e} itself first. */
    static Optional<Throwable> in(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof CorruptFile) return Optional.of(t);
        }
        return Optional.empty();
    }
}
