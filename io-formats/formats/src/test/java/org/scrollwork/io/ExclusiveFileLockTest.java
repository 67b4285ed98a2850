package org.scrollwork.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExclusiveFileLockTest {
    @TempDir Path dir;

    @Test
    void oneHolderAtATimeAndClosingReleases() {
        Path f = dir.resolve("lock");
        Optional<ExclusiveFileLock> first = ExclusiveFileLock.tryAcquire(f);
        assertTrue(first.isPresent());
        assertTrue(ExclusiveFileLock.tryAcquire(f).isEmpty(), "a second holder in this JVM is refused");
        first.get().close();
        try (ExclusiveFileLock again = ExclusiveFileLock.tryAcquire(f).orElseThrow()) {
            assertTrue(again != null);
        }
    }

    @Test
    void anUnopenableFileIsAnErrorNamingIt() {
        Path f = dir.resolve("missing-dir").resolve("lock");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ExclusiveFileLock.tryAcquire(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }
}
