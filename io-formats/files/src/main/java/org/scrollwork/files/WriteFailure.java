package org.scrollwork.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** One-line messages for failed writes that name the file and say plainly when the disk is full. */
public final class WriteFailure {
    private WriteFailure() {}

    /**
     * An unchecked exception for a failed write of {@code file}: {@code "FILE: the disk is full (...)"} when the
     * cause (or one of its causes) is a full disk or an exhausted quota, else {@code "cannot write FILE: reason"}.
     */
    public static UncheckedIOException of(Path file, IOException e) {
        String full = diskFull(e);
        if (full != null) return new UncheckedIOException(file + ": the disk is full (" + full + "); nothing was replaced, free space and retry", e);
        return new UncheckedIOException("cannot write " + file + ": " + reason(e), e);
    }

    /** The OS's words for a full disk when {@code e} or one of its causes says so, else null. */
    public static String diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null) continue;
            if (m.contains("No space left on device")) return "No space left on device";
            if (m.contains("Disk quota exceeded")) return "Disk quota exceeded";
        }
        return null;
    }

    /** The innermost message of a chain of exceptions, without class names; the class's simple name when no one says anything. */
    public static String reason(Throwable e) {
        String last = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) last = t.getMessage();
        }
        if (last == null) return e.getClass().getSimpleName();
        int nl = last.indexOf('\n');
        return nl < 0 ? last : last.substring(0, nl);
    }
}
