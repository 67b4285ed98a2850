package org.scrollwork.io.zarr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.Allocations;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.RecordingFileSystem;
import org.scrollwork.io.TypedFailures;
import org.scrollwork.io.Volumes;
import org.scrollwork.testing.PythonReference;

/**
 * Stores zarr-python wrote, damaged in one file (the {@code .zarray} or a chunk: truncated, bits flipped, bytes
 * overwritten): reading gives the volume or a {@link org.scrollwork.io.FormatException} in one line naming a file
 * of the store, never another exception, allocates at most {@link Allocations#FUZZ_BUDGET_BYTES}, and opens no file
 * outside the store ({@link RecordingFileSystem}).
 */
@Tag("python")
@AddLifecycleHook(ZarrFuzzPropertiesTest.NeedsPython.class)
class ZarrFuzzPropertiesTest {
    /** Skips the properties, with the reason, where zarr-python is not installed. */
    static final class NeedsPython implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return PythonReference.missing("numpy", "zarr", "numcodecs").map(SkipResult::skip).orElse(SkipResult.doNotSkip());
        }
    }

    /** Volumes larger than this (a damaged shape) are parsed but not read in full, to keep the test fast. */
    private static final long MAX_READ_VOXELS = 1 << 20;

    private static Path dir;
    private static List<String> names;

    @BeforeContainer
    static void writeOriginal() throws IOException {
        dir = Files.createTempDirectory("zarr-fuzz");
        PythonReference.run(dir, String.join("\n",
                "import numpy as np, zarr, numcodecs",
                "a = zarr.open('orig.zarr', mode='w', shape=(6, 7, 8), chunks=(3, 4, 5), dtype='<u2', compressor=numcodecs.Zlib(level=5))",
                "a[:] = (np.arange(6 * 7 * 8).reshape(6, 7, 8) * 37 % 65521).astype('<u2')",
                ""));
        try (Stream<Path> s = Files.list(dir.resolve("orig.zarr"))) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @AfterContainer
    static void removeFiles() throws IOException { if (dir != null) AtomicFiles.deleteTree(dir); }

    @Property(tries = 300)
    void aDamagedStoreReadsOrFailsWithOneTypedLineNamingIt(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        Path store = dir.resolve("damaged.zarr");
        AtomicFiles.deleteTree(store);
        Files.createDirectories(store);
        for (String n : names) Files.copy(dir.resolve("orig.zarr").resolve(n), store.resolve(n));
        String victim = r.nextInt(3) == 0 ? ".zarray" : names.get(r.nextInt(names.size()));
        Path file = store.resolve(victim);
        Files.write(file, mutate(Files.readAllBytes(file), r));
        OmeZarrFormat format = new OmeZarrFormat();
        RecordingFileSystem fs = new RecordingFileSystem();
        Path recorded = fs.wrap(store);
        try {
            Allocations.assertAllocatesAtMost(Allocations.FUZZ_BUDGET_BYTES, "reading " + victim + " damaged", () -> {
                DatasetInfo info = format.createParser().parse(recorded);
                long[] s = info.level(0).shape();
                if (s[0] * s[1] * s[2] <= MAX_READ_VOXELS) Volumes.sum(format.createReader().read(recorded).image());
            });
        } catch (RuntimeException e) {
            TypedFailures.assertTypedOneLineNaming(e, recorded);
        }
        fs.assertOpenedOnlyInside(store, "reading " + victim + " damaged");
    }

    /** Truncation, a few bit flips, or a few bytes overwritten with random, 0x00 or 0xff values. */
    static byte[] mutate(byte[] b, Random r) {
        if (b.length == 0) return b;
        switch (r.nextInt(3)) {
            case 0:
                return java.util.Arrays.copyOf(b, r.nextInt(b.length));
            case 1:
                for (int k = 1 + r.nextInt(4); k > 0; k--) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                return b;
            default:
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    int v = r.nextInt(3);
                    b[r.nextInt(b.length)] = (byte) (v == 0 ? r.nextInt() : v == 1 ? 0 : 0xff);
                }
                return b;
        }
    }
}
