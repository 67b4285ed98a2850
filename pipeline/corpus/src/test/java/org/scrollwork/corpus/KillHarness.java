package org.scrollwork.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.scrollwork.io.DataType;

/**
 * Launches {@link IngestChild} in a child JVM (test classpath), SIGKILLs it at a random moment
 * (seeded), then reopens the corpus: open and verify must pass, every record the child reported
 * committed must be there, every record must read back byte-identical to the generator, and once the next writer
 * holds the lock nothing but committed files is left (no temporary segment or manifest, no orphan segment).
 */
final class KillHarness {
    private KillHarness() {}

    /** Child JVM command: same java, same classpath, small heap. */
    static ProcessBuilder childJvm(String xmx, String mainClass, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    /** Runs {@code rounds} kill-and-check rounds; returns the number of appends committed in the end. */
    static int run(Path dir, int rounds, long seed) throws Exception {
        Corpus.create(dir, CorpusOptions.defaults()).close();
        Random rnd = new Random(seed);
        int midAppend = 0;
        for (int round = 0; round < rounds; round++) {
            Process p = childJvm("256m", IngestChild.class.getName(), dir.toString(), "1000000").start();
            AtomicInteger reported = new AtomicInteger(-1);
            Thread reader = new Thread(() -> drain(p, reported));
            reader.start();
            Thread.sleep(300 + rnd.nextInt(2500));
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child did not die");
            reader.join(10_000);
            if (hasOrphan(dir)) midAppend++;
            check(dir, reported.get(), round);
        }
        try (Corpus c = Corpus.open(dir)) {
            System.out.println("kill harness: " + rounds + " kills, " + midAppend + " during an append (orphan segment left), "
                    + c.records().size() / 2 + " appends committed");
            return c.records().size() / 2;
        }
    }

    /** Whether a segment file exists that the manifest does not name (a kill during an append). */
    private static boolean hasOrphan(Path dir) throws IOException {
        try (Corpus c = Corpus.open(dir); java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            java.util.Set<String> named = new java.util.HashSet<>();
            for (CorpusRecord r : c.records()) named.add(r.segment());
            return files.map(f -> f.getFileName().toString()).anyMatch(n -> n.startsWith(".seg-") || n.startsWith("seg-") && !named.contains(n));
        }
    }

    private static void drain(Process p, AtomicInteger reported) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("committed ")) reported.set(Integer.parseInt(line.substring(10).trim()));
            }
        } catch (IOException e) {
            // the pipe breaks when the child is killed; what was read counts
        }
    }

    private static void check(Path dir, int reportedId, int round) {
        try (Corpus c = Corpus.open(dir)) {
            VerifyReport v = c.verify();
            assertTrue(v.ok(), "round " + round + ": " + v.damaged());
            assertTrue(c.records().size() > reportedId, "round " + round + ": child reported record " + reportedId + " committed but corpus has "
                    + c.records().size() + " records");
            assertEquals(0, c.records().size() % 2, "appends come in (metadata, data) pairs");
            for (int id = 1; id < c.records().size(); id += 2) {
                CorpusRecord r = c.record(id);
                int n = (id - 1) / 2;
                assertEquals(id, c.record(id - 1).describes());
                if (IngestChild.isText(n)) {
                    byte[] want = IngestChild.text(n);
                    byte[] got = new byte[want.length];
                    c.read(r.offset(), got, 0, got.length);
                    assertArrayEquals(want, got, "round " + round + " text record " + id);
                } else {
                    checkVolume(c, r, n);
                }
            }
            // the next writer deletes what this kill left (a segment under its temporary name, an orphan segment, a
            // temporary manifest) and appends after it: once it holds the lock, only committed files are left
            java.util.Set<String> named = new java.util.HashSet<>();
            for (CorpusRecord r : c.records()) named.add(r.segment());
            c.lockForWriting(false);
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
                for (String n : files.map(f -> f.getFileName().toString()).sorted().toList()) {
                    assertTrue(!n.startsWith(".") && !n.endsWith(".tmp") && !n.endsWith(".old") && (!n.startsWith("seg-") || named.contains(n)),
                            "round " + round + ": " + n + " left after the next writer opened the corpus");
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static void checkVolume(Corpus c, CorpusRecord r, int n) {
        long[] s = IngestChild.shape(n);
        assertArrayEquals(s, r.shape().toArray());
        int salt = n % 16;
        byte[] row = new byte[(int) (s[0] * 2)];
        for (long z = 0; z < s[2]; z++) {
            for (long y = 0; y < s[1]; y++) {
                c.read(r.indexOf(0, y, z, 0), row, 0, row.length);
                for (int x = 0; x < s[0]; x++) {
                    int hi = Oracles.byteOf(DataType.UINT16, x, y, z, 0, salt), lo = Oracles.byteOf(DataType.UINT16, x, y, z, 1, salt);
                    if ((row[2 * x] & 0xFF) != hi || (row[2 * x + 1] & 0xFF) != lo) {
                        throw new AssertionError("record " + r.id() + " voxel (" + x + "," + y + "," + z + ") differs");
                    }
                }
            }
        }
    }
}
