package org.scrollwork.io.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelArrays;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/**
 * Whole-volume reads on several threads ({@link TiffFile#readPages}, {@link PageWorkers}) give the same voxels as
 * reading page by page, every time: repeated, because a read that returned before a worker finished its page shows
 * only now and then (it did, once: a task cancelled while it ran was not waited for).
 */
class TiffParallelReadTest {
    @TempDir Path dir;

    @Test
    void parallelWholeReadsEqualPageByPageReadsRepeatedly() {
        int round = 0;
        for (DataType t : List.of(DataType.UINT8, DataType.UINT16)) {
            for (Compression c : List.of(Compression.NONE, Compression.DEFLATE, Compression.LZW)) {
                Volume<?> v = TiffTestSupport.randomVolume(t, new long[] {37, 23, 29}, VoxelSize.isotropic(1), new Random(round));
                Path p = dir.resolve("v" + round++ + ".tif");
                new TiffFormat.Writer().write(p, List.of(v), WriteOptions.DEFAULTS.withCompression(c).withChunkShape(37, 5, 1));
                TiffFile f = TiffFile.open(p);
                int n = f.width() * f.height();
                Object expected = VoxelArrays.allocate(t, n * f.pageCount());
                for (int z = 0; z < f.pageCount(); z++) System.arraycopy(f.readPage(z), 0, expected, z * n, n);
                for (int threads = 2; threads <= 4; threads++) {
                    for (int r = 0; r < 40; r++) {
                        Object got = VoxelArrays.allocate(t, n * f.pageCount());
                        f.readPages(0, f.pageCount(), got, 0, threads);
                        String what = t + " " + c.cliName() + " on " + threads + " threads, round " + r;
                        if (t == DataType.UINT8) assertArrayEquals((byte[]) expected, (byte[]) got, what);
                        else assertArrayEquals((short[]) expected, (short[]) got, what);
                    }
                }
            }
        }
    }

    @Test
    void noWorkerIsStillReadingWhenTheReadReturnsAndTheFirstFailureComesBackAsItWas() {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger read = new AtomicInteger();
        for (int r = 0; r < 10; r++) {
            read.set(0);
            PageWorkers.run(0, 64, 3, () -> new PageWorkers.Worker() {
                @Override public void read(int z) {
                    active.incrementAndGet();
                    try {
                        Thread.sleep(0, 200_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    read.incrementAndGet();
                    active.decrementAndGet();
                }

                @Override public void close() { }
            });
            assertEquals(0, active.get(), "a worker still reads after the read returned");
            assertEquals(64, read.get());
        }
        FormatException boom = new FormatException(dir, "page 17 is bad");
        FormatException e = assertThrows(FormatException.class, () -> PageWorkers.run(0, 64, 3, () -> new PageWorkers.Worker() {
            @Override public void read(int z) {
                if (z == 17) throw boom;
            }

            @Override public void close() { }
        }));
        assertSame(boom, e);
    }
}
