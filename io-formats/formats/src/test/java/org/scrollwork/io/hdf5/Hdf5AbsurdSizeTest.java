package org.scrollwork.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.Allocations;
import org.scrollwork.io.CorruptDataException;
import org.scrollwork.io.Formats;
import org.scrollwork.io.Volumes;
import org.scrollwork.testing.PythonReference;

/**
 * A dataset whose dimensions claim more bytes than the file can hold (a flipped bit in a dimension) is refused by
 * name before anything is allocated: contiguous data past the end of the file, or a chunked dataset claiming more
 * than {@link Hdf5Files#MAX_INFLATION} times its stored chunk bytes plus {@link Hdf5Files#FILL_ALLOWANCE_BYTES}.
 * Sparse datasets and highly compressed ones that h5py wrote are not refused.
 */
@Tag("python")
class Hdf5AbsurdSizeTest {
    @BeforeEach
    void needsPython() {
        PythonReference.assumeAvailable("numpy", "h5py");
    }

    @TempDir Path dir;

    private static final long FLIPPED_Z = 5 | (1L << 20);

    @BeforeEach
    void writeFiles() {
        PythonReference.run(dir, String.join("\n",
                "import numpy as np, h5py",
                "a = (np.arange(5 * 12 * 20).reshape(5, 12, 20) * 37 % 65521).astype('<u2')",
                "with h5py.File('contiguous.h5', 'w') as f:",
                "    f.create_group('exchange').create_dataset('data', data=a)",
                "with h5py.File('chunked.h5', 'w') as f:",
                "    f.create_group('exchange').create_dataset('data', data=a, chunks=(3, 8, 10), compression='gzip')",
                "with h5py.File('sparse.h5', 'w') as f:",
                "    d = f.create_group('exchange').create_dataset('data', shape=(5, 12, 20), dtype='<u2', chunks=(3, 8, 10))",
                "    d[0:3, 0:8, 0:10] = 1",
                "with h5py.File('zeros.h5', 'w') as f:",
                "    f.create_group('exchange').create_dataset('data', data=np.zeros((40, 512, 512), '<u2'), chunks=(8, 128, 128), compression='gzip', compression_opts=9)",
                ""));
    }

    /** Sets the z dimension (and the maximum z dimension) of the (5, 12, 20) dataspace to {@code z}; returns how many it set. */
    private static int flipZ(Path file, long z) throws IOException {
        byte[] b = Files.readAllBytes(file);
        ByteBuffer pattern = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(5).putLong(12).putLong(20);
        int n = 0;
        for (int at = 0; at + 24 <= b.length; at++) {
            if (java.util.Arrays.equals(b, at, at + 24, pattern.array(), 0, 24)) {
                ByteBuffer.wrap(b, at, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(z);
                n++;
            }
        }
        Files.write(file, b);
        return n;
    }

    private static void assertRefusedByName(Path p, String layout) throws IOException {
        Hdf5Format format = new Hdf5Format();
        for (int step = 0; step < 3; step++) {
            int s = step;
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> Allocations.assertAllocatesAtMost(
                    Allocations.FUZZ_BUDGET_BYTES, layout, () -> {
                        if (s == 0) format.createParser().parse(p);
                        else if (s == 1) format.createReader().read(p);
                        else Formats.info(p);
                    }));
            assertEquals(p, e.path());
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("dataset /exchange/data claims " + FLIPPED_Z + " x 12 x 20 (z, y, x) voxels ("
                    + FLIPPED_Z * 12 * 20 * 2 + " bytes)"), e.getMessage());
            assertTrue(e.getMessage().contains(layout), e.getMessage());
        }
    }

    @Test
    void aContiguousDatasetClaimingMoreThanTheFileIsRefused() throws IOException {
        Path p = dir.resolve("contiguous.h5");
        assertTrue(flipZ(p, FLIPPED_Z) >= 1);
        assertRefusedByName(p, "past the end of the file");
    }

    @Test
    void aChunkedDatasetClaimingFarMoreThanItsChunksIsRefused() throws IOException {
        Path p = dir.resolve("chunked.h5");
        assertTrue(flipZ(p, FLIPPED_Z) >= 1);
        assertRefusedByName(p, "stored chunk bytes can hold");
    }

    @Test
    void genuineSparseAndHighlyCompressedDatasetsAreRead() throws IOException {
        Hdf5Format format = new Hdf5Format();
        Path sparse = dir.resolve("sparse.h5");
        // one chunk of 3 x 8 x 10 ones written, the rest unwritten (fill value 0)
        assertEquals(3 * 8 * 10, Volumes.sum(format.createReader().read(sparse).image()));
        // 20 MiB of zeros in about 20 KB: beyond the allowance for unwritten chunks, within deflate's ratio
        Path zeros = dir.resolve("zeros.h5");
        assertTrue(Files.size(zeros) * Hdf5Files.MAX_INFLATION + Hdf5Files.FILL_ALLOWANCE_BYTES > 40L * 512 * 512 * 2);
        assertTrue(40L * 512 * 512 * 2 > Hdf5Files.FILL_ALLOWANCE_BYTES);
        assertArrayEquals(new long[] {512, 512, 40}, format.createParser().parse(zeros).level(0).shape());
        assertEquals(0.0, Volumes.sum(format.createReader().read(zeros).image()));
    }

    @Test
    void claimedBytesSaturateInsteadOfOverflowing() {
        assertEquals(Long.MAX_VALUE, Hdf5Files.claimedBytes(new long[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}, 8));
        assertEquals(5L * 12 * 20 * 2, Hdf5Files.claimedBytes(new long[] {5, 12, 20}, 2));
    }
}
