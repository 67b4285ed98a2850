package org.scrollwork.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

/** What fuzz tests accept from a reader given a damaged file: a {@link FormatException}, in one line, naming a file of the input. */
public final class TypedFailures {
    private TypedFailures() {}

    /** Asserts {@code e} is a typed reader error, one line, naming {@code input} (a file, or a file inside the store {@code input}). */
    public static void assertTypedOneLineNaming(Throwable e, Path input) {
        assertTrue(e instanceof FormatException, () -> "not a typed reader error: " + e);
        FormatException f = (FormatException) e;
        assertNotNull(f.path(), f.getMessage());
        assertTrue(f.path().toAbsolutePath().normalize().startsWith(input.toAbsolutePath().normalize()),
                () -> "names " + f.path() + ", not " + input + ": " + f.getMessage());
        assertTrue(f.getMessage().startsWith(f.path().toString()), f.getMessage());
        assertFalse(f.getMessage().contains("\n") || f.getMessage().contains("\r"), () -> "more than one line: " + f.getMessage());
    }
}
