package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;

/**
 * {@code convert} in a child JVM killed with SIGKILL at random moments (seeded): the target is either absent or a
 * whole copy of the source (an existing target is replaced whole or not at all), and the next {@code convert}
 * finishes, removes the temporaries and the old copy moved aside the killed one left, and leaves nothing but the source
 * and the target in the folder.
 */
class ConvertKillTest {
    @TempDir Path dir;

    @Test
    void threeKillsLeaveNoPartialTarget() throws Exception {
        run(3, 7L);
    }

    @Test
    @Tag("slow")
    void twentyKillsLeaveNoPartialTarget() throws Exception {
        run(20, 20261207L);
    }

    /** Runs {@code rounds} kill-and-check rounds. */
    private void run(int rounds, long seed) throws Exception {
        byte[] voxels = new byte[256 * 256 * 128];
        Random fill = new Random(seed);
        for (int i = 0; i < voxels.length; i++) voxels[i] = (byte) (i % 251 ^ fill.nextInt(4));
        Volume<?> source = Volumes.wrap(voxels, new long[] {256, 256, 128}, ScanMetadata.builder(DataType.UINT8).build());
        Path in = dir.resolve("in.tif");
        Formats.byName("tiff").orElseThrow().createWriter().write(in, source);
        Path out = dir.resolve("out.ome.zarr");
        Random rnd = new Random(seed);
        // how long a whole convert takes in a child here (JVM start included): the kills land inside that span
        long t0 = System.nanoTime();
        Process whole = child(in, out).start();
        assertTrue(whole.waitFor(120, TimeUnit.SECONDS) && whole.exitValue() == 0, "an uninterrupted convert finishes");
        long wholeMs = (System.nanoTime() - t0) / 1_000_000;
        int midWrite = 0;
        for (int round = 0; round < rounds; round++) {
            // even rounds convert afresh, odd rounds replace the target in place
            if (round % 2 == 0 && Files.exists(out)) org.scrollwork.files.AtomicFiles.deleteTree(out);
            Process p = child(in, out).start();
            Thread.sleep((long) (wholeMs * (0.3 + 0.65 * rnd.nextDouble())));
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child did not die");
            if (names(dir).size() > 2 || !Files.exists(out)) midWrite++; // a temporary left, or no target yet
            if (Files.exists(out)) {
                assertEquals(0, Volumes.maxAbsDifference(asReal(source), asReal(Formats.read(out, 0))), "round " + round + ": the target is whole");
            }
            CliTest.Result r = CliTest.run("convert", in.toString(), out.toString());
            assertEquals(0, r.exit(), "round " + round + ": " + r.err());
            assertEquals(0, Volumes.maxAbsDifference(asReal(source), asReal(Formats.read(out, 0))), "round " + round);
            // no ".out.ome.zarr.PID.NANOS.old" either: a kill during the replacement of the directory target leaves the
            // old copy moved aside, and the next convert deletes it (or moves it back when the kill left no target)
            assertEquals(new TreeSet<>(List.of("in.tif", "out.ome.zarr")), names(dir), "round " + round + ": nothing else left beside the target");
        }
        System.out.println("convert kill harness: " + rounds + " kills, " + midWrite + " before the target was complete");
        assertTrue(midWrite > 0, "some kills landed before the target was complete");
    }

    private static ProcessBuilder child(Path in, Path out) {
        return ChildCli.of("256m", List.of("convert", in.toString(), out.toString()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static net.imglib2.RandomAccessibleInterval asReal(Volume<?> v) { return (net.imglib2.RandomAccessibleInterval) v.image(); }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new TreeSet<>(s.map(f -> f.getFileName().toString()).toList());
        }
    }
}
