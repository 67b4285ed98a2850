package org.scrollwork.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk is said as such and names the file; what an interrupted writer left beside a target is removed. */
class WriteFailureTest {
    @TempDir Path dir;

    @Test
    void aFullDiskNamesTheTargetAndKeepsTheOldFile() throws IOException {
        Path devFull = Path.of("/dev/full"); // Linux: every write fails with ENOSPC, the real "No space left on device"
        assumeTrue(Files.isWritable(devFull), "/dev/full is a Linux device");
        Path target = dir.resolve("scan.tif");
        Files.write(target, new byte[] {1, 2, 3});
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.write(target, tmp -> Files.write(devFull, new byte[1 << 16])));
        assertEquals(target + ": the disk is full (No space left on device); nothing was replaced, free space and retry", e.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList(), "no temporary file is left");
        }
    }

    @Test
    void otherFailuresGiveTheInnermostReasonWithoutClassNames() {
        RuntimeException jhdf = new RuntimeException("io.jhdf.exceptions.HdfWritingException: outer",
                new IllegalStateException("Failed to write dataset 'volume'\n\tmore detail"));
        assertEquals("Failed to write dataset 'volume'", WriteFailure.reason(jhdf));
        UncheckedIOException e = WriteFailure.of(dir.resolve("x.h5"), new IOException(WriteFailure.reason(jhdf), jhdf));
        assertEquals("cannot write " + dir.resolve("x.h5") + ": Failed to write dataset 'volume'", e.getMessage());
        assertEquals("Disk quota exceeded", WriteFailure.diskFull(new IOException("a", new IOException("Disk quota exceeded"))));
    }

    @Test
    void staleTemporariesOfDeadWritersBesideATargetAreRemoved() throws IOException {
        long deadPid = 999_999_999L; // above Linux's pid_max (at most 2^22): no process has it
        long livePid = ProcessHandle.current().pid();
        Path target = dir.resolve("x.nhdr");
        List<String> stale = List.of(".x.nhdr." + deadPid + ".1.tmp", ".x.raw." + deadPid + ".2.tmp");
        List<String> kept = List.of(".x.raw." + livePid + ".3.tmp", ".y.nhdr." + deadPid + ".4.tmp", ".x.nhdr.5.old", "x.raw");
        for (String n : stale) Files.write(dir.resolve(n), new byte[10]);
        for (String n : kept) Files.createDirectories(dir.resolve(n));
        Files.createDirectories(dir.resolve(".x.nhdr." + deadPid + ".6.tmp")); // a directory store's temporary
        Files.write(dir.resolve(".x.nhdr." + deadPid + ".6.tmp").resolve("chunk"), new byte[10]);
        List<String> removed = AtomicFiles.removeStaleTemporaries(target);
        assertEquals(List.of(".x.nhdr." + deadPid + ".1.tmp", ".x.nhdr." + deadPid + ".6.tmp", ".x.raw." + deadPid + ".2.tmp"),
                removed.stream().sorted().toList());
        for (String n : stale) assertFalse(Files.exists(dir.resolve(n)), n);
        for (String n : kept) assertTrue(Files.exists(dir.resolve(n)), n);
    }
}
