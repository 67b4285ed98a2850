package org.scrollwork.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer stopped by SIGTERM (as Ctrl-C or a job scheduler stops it) deletes its temporary file; the old target stays. */
class AtomicFilesSignalTest {
    @TempDir Path dir;

    /** Child: fills a temporary file for {@code args[0]} forever, saying "filling" once it has started. */
    public static void main(String[] args) {
        AtomicFiles.write(Path.of(args[0]), tmp -> {
            try (var out = Files.newOutputStream(tmp)) {
                out.write(new byte[1 << 20]);
                out.flush();
                System.out.println("filling");
                System.out.flush();
                while (true) {
                    out.write(new byte[4096]);
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                throw new java.io.IOException(e);
            }
        });
    }

    @Test
    void aSignalledWriterLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("scan.nrrd");
        Files.write(target, new byte[] {7, 7});
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), AtomicFilesSignalTest.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("filling", r.readLine());
            try (Stream<Path> s = Files.list(dir)) {
                assertTrue(s.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "the child is writing its temporary file");
            }
            p.destroy(); // SIGTERM: shutdown hooks run
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList());
        }
        assertArrayEquals(new byte[] {7, 7}, Files.readAllBytes(target));
    }
}
