package org.scrollwork.io.hdf5;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.Allocations;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.Volumes;
import org.scrollwork.testing.PythonReference;

/**
 * Damage anywhere in an h5py-written file (superblock, object headers, B-trees, compressed chunks)
 * must end in a {@link FormatException} or a readable volume, never in jhdf's own exceptions.
 * Slow (about 3 minutes): a flip that enlarges the dataset's dimensions makes one trial sum a huge
 * volume of fill values.
 */
@Tag("slow")
@Tag("python")
class Hdf5FuzzTest {
    @BeforeEach
    void needsPython() {
        PythonReference.assumeAvailable("numpy", "h5py");
    }

    /** Datasets claiming more voxels than this (a flipped dimension) are parsed but not read in full, to keep the test fast. */
    private static final long MAX_READ_VOXELS = 1 << 20;

    @TempDir Path dir;

    @Test
    void bitFlipsAnywhereGiveTypedErrorsOnly() throws Exception {
        PythonReference.run(dir, String.join("\n",
                "import numpy as np, h5py",
                "with h5py.File('f.h5', 'w') as f:",
                "    g = f.create_group('exchange')",
                "    d = g.create_dataset('data', data=np.arange(4 * 16 * 16, dtype=np.uint16).reshape(4, 16, 16), chunks=(2, 8, 8), compression='gzip')",
                "    d.attrs['element_size_um'] = np.array([1.0, 1.0, 1.0])",
                ""));
        Path p = dir.resolve("f.h5");
        byte[] full = Files.readAllBytes(p);
        Random rnd = new Random(7);
        Hdf5Format format = new Hdf5Format();
        for (int trial = 0; trial < 300; trial++) {
            byte[] bad = full.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int k = 0; k < flips; k++) bad[rnd.nextInt(bad.length)] ^= (byte) (1 + rnd.nextInt(255));
            Files.write(p, bad);
            try {
                Allocations.assertAllocatesAtMost(Allocations.FUZZ_BUDGET_BYTES, "trial " + trial, () -> {
                    long[] s = format.createParser().parse(p).level(0).shape();
                    // a flipped dimension can claim a huge, sparse chunked dataset (fill values): read it only when small
                    if ((double) s[0] * s[1] * s[2] <= MAX_READ_VOXELS) Volumes.sum(format.createReader().read(p).image());
                });
            } catch (FormatException expected) {
                // typed, fine
            } catch (RuntimeException other) {
                throw new AssertionError("trial " + trial + " threw " + other, other);
            }
        }
    }
}
