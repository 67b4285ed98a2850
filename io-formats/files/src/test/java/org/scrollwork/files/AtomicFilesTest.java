package org.scrollwork.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic replacement of files and directories, and the cleanup of what a killed writer left beside its target. */
class AtomicFilesTest {
    @TempDir Path dir;

    /** The id of a process that has exited (started and waited for here): certainly not a live writer. */
    private static long deadPid;

    @BeforeAll
    static void startAndReapAProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "java -version exits");
        deadPid = p.pid();
        assertFalse(ProcessHandle.of(deadPid).map(ProcessHandle::isAlive).orElse(false), "the child is gone");
    }

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

    /** A directory target {@code out.zarr} holding one file {@code marker} with {@code content}. */
    private static void store(Path p, int content) throws IOException {
        Files.createDirectories(p);
        Files.write(p.resolve("marker"), new byte[] {(byte) content});
    }

    private static int marker(Path p) throws IOException {
        return Files.readAllBytes(p.resolve("marker"))[0];
    }

    private Set<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new TreeSet<>(s.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void aDeadWritersOldCopyIsDeletedWhenTheNewTargetIsInPlace() throws IOException {
        // killed after the new copy was moved in, before the old one was deleted
        Path target = dir.resolve("out.zarr");
        store(target, 2);
        String old = ".out.zarr." + deadPid + ".123456789.old";
        store(dir.resolve(old), 1);
        assertEquals(List.of(old), AtomicFiles.removeStaleTemporaries(target));
        assertEquals(Set.of("out.zarr"), names());
        assertEquals(2, marker(target), "the new copy stays");
    }

    @Test
    void aDeadWritersOldCopyIsMovedBackWhenTheKillLeftNoTarget() throws IOException {
        // killed between the two renames: the old copy is aside, the new one (complete) still under its temporary name
        Path target = dir.resolve("out.zarr");
        String old = ".out.zarr." + deadPid + ".123456789.old";
        String tmp = ".out.zarr." + deadPid + ".123456790.tmp";
        store(dir.resolve(old), 1);
        store(dir.resolve(tmp), 2);
        List<String> done = AtomicFiles.removeStaleTemporaries(target);
        assertEquals(List.of(tmp, old + " (moved back to out.zarr)"), done);
        assertEquals(Set.of("out.zarr"), names());
        assertEquals(1, marker(target), "the old copy is the target again");
    }

    @Test
    void ofSeveralOldCopiesTheLatestIsMovedBackAndTheOthersDeleted() throws IOException {
        Path target = dir.resolve("out.zarr");
        String older = ".out.zarr." + deadPid + ".100.old";
        String newer = ".out.zarr." + deadPid + ".200.old";
        store(dir.resolve(older), 1);
        store(dir.resolve(newer), 2);
        assertEquals(List.of(newer + " (moved back to out.zarr)", older), AtomicFiles.removeStaleTemporaries(target));
        assertEquals(Set.of("out.zarr"), names());
        assertEquals(2, marker(target));
    }

    @Test
    void oldCopiesOfLiveWritersOtherTargetsAndUnnumberedOnesAreLeftAlone() throws IOException {
        Path target = dir.resolve("out.zarr");
        long live = ProcessHandle.current().pid();
        List<String> kept = List.of(
                ".out.zarr." + live + ".1.old",        // a live writer is between its renames
                ".out.zarr.123456789.old",             // no process id: cannot be told from a live writer's
                ".other.zarr." + deadPid + ".2.old",   // another target's
                ".out.zarr.x." + deadPid + ".3.old");  // the old copy of out.zarr.x, not of out.zarr
        for (String n : kept) store(dir.resolve(n), 1);
        assertEquals(List.of(), AtomicFiles.removeStaleTemporaries(target));
        assertEquals(new TreeSet<>(kept), names(), "nothing moved back, nothing deleted");
    }

    @Test
    void replacingADirectoryLeavesNoOldCopyAndTheCleanupFindsNothingAfterwards() throws IOException {
        Path target = dir.resolve("out.zarr");
        AtomicFiles.write(target, tmp -> store(tmp, 1));
        AtomicFiles.write(target, tmp -> store(tmp, 2));
        assertEquals(Set.of("out.zarr"), names());
        assertEquals(2, marker(target));
        assertEquals(List.of(), AtomicFiles.removeStaleTemporaries(target));
        assertArrayEquals(new byte[] {2}, Files.readAllBytes(target.resolve("marker")));
    }
}
