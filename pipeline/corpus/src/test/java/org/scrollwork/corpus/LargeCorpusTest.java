package org.scrollwork.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ~3 GiB lazily generated volume ingested by a child JVM with -Xmx512m, then read back through >2 GiB windowed mappings. */
@Tag("slow")
class LargeCorpusTest {
    @TempDir Path dir;

    @Test
    void threeGibVolumeIngestsWithSmallHeapAndReadsBack() throws Exception {
        long sx = 1024, sy = 1024, sz = 1536; // uint16: 3 GiB
        Path corpus = dir.resolve("big");
        Process p = KillHarness.childJvm("512m", LargeVolumes.class.getName(), corpus.toString(), "" + sx, "" + sy, "" + sz).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        System.out.print("large ingest: " + out);
        try (Corpus c = Corpus.open(corpus)) {
            CorpusRecord r = c.record(1);
            assertEquals(sx * sy * sz * 2, r.length());
            assertTrue(Files.size(corpus.resolve(r.segment())) > (2L << 30), "segment beyond 2 GiB");
            Random rnd = new Random(7);
            for (int i = 0; i < 200_000; i++) {
                long x = rnd.nextInt((int) sx), y = rnd.nextInt((int) sy), z = rnd.nextInt((int) sz);
                int b = rnd.nextInt(2);
                int v = LargeVolumes.value(x, y, z);
                assertEquals(b == 0 ? v >>> 8 : v & 0xFF, c.byteAt(r.indexOf(x, y, z, b)), "(" + x + "," + y + "," + z + ") byte " + b);
            }
            // rows straddling the 1 GiB and 2 GiB window boundaries of the segment
            for (long boundary : new long[] {1L << 30, 2L << 30, 3L << 30}) {
                long voxel = (boundary - r.segmentOffset()) / 2;
                long z = voxel / (sx * sy), y = (voxel / sx) % sy;
                byte[] row = new byte[(int) (2 * sx)];
                c.read(r.indexOf(0, y, z, 0), row, 0, row.length);
                for (int x = 0; x < sx; x++) {
                    int v = LargeVolumes.value(x, y, z);
                    assertEquals(v >>> 8, row[2 * x] & 0xFF);
                    assertEquals(v & 0xFF, row[2 * x + 1] & 0xFF);
                }
            }
            VerifyReport v = c.verify();
            assertTrue(v.ok(), v.damaged().toString());
            assertEquals(r.length() + c.record(0).length(), v.bytesChecked());
        }
    }
}
