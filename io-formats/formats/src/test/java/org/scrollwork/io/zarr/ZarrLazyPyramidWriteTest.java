package org.scrollwork.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;

/**
 * A 1 GiB lazy uint8 volume and its 4-level pyramid written by a child JVM with {@code -Xmx320m}: the pyramid
 * and the writer stream chunk by chunk. Sampled voxels of every level match the closed form.
 */
@Tag("slow")
class ZarrLazyPyramidWriteTest {
    @TempDir Path dir;

    @Test
    void aPyramidLargerThanTheHeapIsWrittenChunkByChunk() throws Exception {
        int n = 1024;
        Path store = dir.resolve("big.ome.zarr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx320m", "-cp", System.getProperty("java.class.path"), LazyPyramidWrite.class.getName(),
                store.toString(), "" + n, "4").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM timed out");
        }
        assertEquals(0, p.exitValue(), out);

        DatasetInfo info = new OmeZarrFormat().createParser().parse(store);
        assertEquals(4, info.levels().size());
        Random rnd = new Random(11);
        for (int k = 0; k < 4; k++) {
            assertEquals(n >> k, info.level(k).shape()[0]);
            Volume<?> v = new OmeZarrFormat().createReader().read(store, k);
            for (int s = 0; s < 200; s++) {
                long x = rnd.nextInt(n >> k);
                long y = rnd.nextInt(n >> k);
                long z = rnd.nextInt(n >> k);
                assertEquals(LazyPyramidWrite.value(x << k, y << k, z << k), Volumes.get(v.image(), x, y, z), 0.0,
                        "level " + k + " at " + x + "," + y + "," + z);
            }
        }
    }
}
