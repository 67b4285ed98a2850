package org.scrollwork.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    @Test
    void atomicWriteReplacesAFileAndLeavesNothingBehindOnFailure() throws IOException {
        Path target = dir.resolve("a.bin");
        AtomicFiles.writeBytes(target, new byte[] {1, 2, 3});
        AtomicFiles.writeBytes(target, new byte[] {4});
        assertEquals(1, Files.size(target));
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, tmp -> {
            Files.write(tmp, new byte[] {9, 9});
            throw new IllegalStateException("boom");
        }));
        assertEquals(4, Files.readAllBytes(target)[0], "the old file survives a failed write");
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
        AtomicFiles.write(dir.resolve("d"), tmp -> {
            Files.createDirectories(tmp.resolve("x"));
            Files.write(tmp.resolve("x/y"), new byte[] {7});
        });
        AtomicFiles.write(dir.resolve("d"), tmp -> {
            Files.createDirectories(tmp);
            Files.write(tmp.resolve("z"), new byte[] {8});
        });
        assertTrue(Files.exists(dir.resolve("d/z")));
        assertTrue(!Files.exists(dir.resolve("d/x")), "a directory is replaced whole");
    }
}
