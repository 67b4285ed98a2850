package org.scrollwork.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.WriteOptions;

/** HDF5 is written from one in-memory array: a volume larger than the heap is refused in one line before anything is read or allocated. */
class Hdf5WriteLimitsTest {
    @TempDir Path dir;

    @Test
    void aVolumeLargerThanTheHeapIsRefusedBeforeReadingIt() {
        long maxMemory = Runtime.getRuntime().maxMemory();
        long z = maxMemory / (4096L * 4096L) + 2; // uint8 4096 x 4096 slices: more bytes than the whole heap
        AtomicInteger slicesRead = new AtomicInteger();
        Volume<?> huge = ChunkedVolumes.lazy(new long[] {4096, 4096, z}, new int[] {4096, 4096, 1}, ScanMetadata.builder(DataType.UINT8).build(),
                (grid, min, size) -> {
                    slicesRead.incrementAndGet();
                    return new byte[size[0] * size[1] * size[2]];
                });
        Path out = dir.resolve("huge.h5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Hdf5Format().createWriter().write(out, List.of(huge), WriteOptions.DEFAULTS));
        assertTrue(e.getMessage().startsWith(out + ": writing HDF5 holds the whole volume in memory: " + ((4096L * 4096L * z) >> 20) + " MB"),
                e.getMessage());
        assertTrue(e.getMessage().contains("-Xmx") && !e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(out));
        assertTrue(slicesRead.get() == 0, "refused before reading");
    }
}
