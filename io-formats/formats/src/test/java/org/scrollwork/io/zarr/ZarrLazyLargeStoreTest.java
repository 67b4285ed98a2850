package org.scrollwork.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.VoxelArrays;

/**
 * A store that declares 16 GiB of uint16 (2048³ in 128³ chunks) with 27 chunks present near its far corner,
 * read in a child JVM limited to {@code -Xmx256m}: regions across present and missing chunks sum to their
 * closed form, so reading is chunk by chunk.
 */
class ZarrLazyLargeStoreTest {
    @TempDir Path dir;

    private static final int N = 2048;
    private static final int C = 128;
    private static final int FILL = 3;

    private static int value(long x, long y, long z) { return (int) ((x + 3 * y + 5 * z) & 0xffff); }

    @Test
    void regionsOfA16GiBStoreReadWithA256MiBHeap() throws Exception {
        Path store = dir.resolve("big.zarr");
        Files.createDirectories(store);
        ZarrArrayMetadata meta = new ZarrArrayMetadata(new long[] {N, N, N}, new int[] {C, C, C}, DataType.UINT16,
                ByteOrder.LITTLE_ENDIAN, FILL, new BloscCodec("lz4", 5, 1, 0, 2), ".", "");
        Files.writeString(store.resolve(".zarray"), meta.toJson().toString());
        int first = N / C - 3;
        for (int gz = first; gz < N / C; gz++) {
            for (int gy = first; gy < N / C; gy++) {
                for (int gx = first; gx < N / C; gx++) {
                    short[] chunk = new short[C * C * C];
                    int i = 0;
                    for (int z = 0; z < C; z++) {
                        for (int y = 0; y < C; y++) {
                            for (int x = 0; x < C; x++) chunk[i++] = (short) value(gx * C + x, gy * C + y, gz * C + z);
                        }
                    }
                    byte[] raw = VoxelArrays.encode(DataType.UINT16, chunk, ByteOrder.LITTLE_ENDIAN);
                    Files.write(store.resolve(gz + "." + gy + "." + gx), meta.codec().encode(raw));
                }
            }
        }
        DatasetInfo info = new OmeZarrFormat().createParser().parse(store);
        assertEquals(List.of((long) N, (long) N, (long) N), List.of(info.level(0).shape()[0], info.level(0).shape()[1], info.level(0).shape()[2]));

        long lo = (long) first * C - 64; // 64 voxels into the missing region, then into the present chunks
        int size = 3 * C + 64;
        assertEquals(expectedSum(lo, size), childSum(store, lo, size));
        assertEquals((long) FILL * 200 * 150 * 100, childSum(store, 0, 0, 0, 200, 150, 100));
    }

    private static long expectedSum(long lo, int size) {
        long sum = 0;
        long present = (long) (N / C - 3) * C;
        for (long z = lo; z < lo + size; z++) {
            for (long y = lo; y < lo + size; y++) {
                for (long x = lo; x < lo + size; x++) {
                    sum += x >= present && y >= present && z >= present ? value(x, y, z) : FILL;
                }
            }
        }
        return sum;
    }

    private long childSum(Path store, long lo, int size) throws IOException, InterruptedException {
        return childSum(store, lo, lo, lo, size, size, size);
    }

    private long childSum(Path store, long x, long y, long z, long sx, long sy, long sz) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), LazyRegionSum.class.getName(),
                store.toString(), "" + x, "" + y, "" + z, "" + sx, "" + sy, "" + sz).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM timed out");
        }
        assertEquals(0, p.exitValue(), out);
        return Long.parseLong(out);
    }
}
