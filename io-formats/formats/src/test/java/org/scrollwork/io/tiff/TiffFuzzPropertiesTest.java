package org.scrollwork.io.tiff;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.Allocations;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.TypedFailures;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/**
 * Damage anywhere in a file (header, IFDs, out-of-line values, strips) gives a {@link FormatException}
 * in one line naming the file, or a readable volume, never another exception, for every codec, byte order
 * and BigTIFF, allocating at most {@link Allocations#FUZZ_BUDGET_BYTES}; a truncated file always fails so.
 */
class TiffFuzzPropertiesTest {
    private static Path dir;
    private static List<byte[]> originals;

    @BeforeContainer
    static void writeOriginals() throws IOException {
        dir = Files.createTempDirectory("tiff-fuzz");
        Random rnd = new Random(99);
        originals = new java.util.ArrayList<>();
        int i = 0;
        for (Compression c : List.of(Compression.NONE, Compression.LZW, Compression.DEFLATE)) {
            for (boolean big : List.of(false, true)) {
                Volume<?> v = TiffTestSupport.randomVolume(DataType.UINT16, new long[] {13, 11, 3}, VoxelSize.isotropic(2), rnd);
                Path p = dir.resolve("o" + i++ + ".tif");
                new TiffFormat.Writer(big ? 0 : TiffFormat.BIGTIFF_THRESHOLD).write(p, List.of(v),
                        WriteOptions.DEFAULTS.withCompression(c).withByteOrder(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN).withChunkShape(13, 4, 1));
                originals.add(Files.readAllBytes(p));
            }
        }
    }

    @AfterContainer
    static void removeFiles() throws IOException { AtomicFiles.deleteTree(dir); }

    @Property(tries = 600)
    void damagedFilesFailWithTypedErrorsOnly(@ForAll("file") int file, @ForAll long seed) throws IOException {
        Random r = new Random(seed);
        byte[] b = originals.get(file).clone();
        int edits = 1 + r.nextInt(4);
        for (int k = 0; k < edits; k++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(3)) {
                case 0: b[at] ^= (byte) (1 << r.nextInt(8)); break;
                case 1: b[at] = (byte) r.nextInt(); break;
                default: b[at] = (byte) (r.nextBoolean() ? 0xff : 0); break;
            }
        }
        Path p = dir.resolve("damaged-" + file + ".tif");
        Files.write(p, b);
        try {
            Allocations.assertAllocatesAtMost(Allocations.FUZZ_BUDGET_BYTES, "reading damaged " + p.getFileName(),
                    () -> Volumes.sum(new TiffFormat.Reader().read(p).image()));
        } catch (FormatException expected) {
            TypedFailures.assertTypedOneLineNaming(expected, p);
        }
    }

    @Property(tries = 200)
    void truncatedFilesFailWithOneTypedLineNamingThem(@ForAll("file") int file, @ForAll long seed) throws IOException {
        byte[] b = originals.get(file);
        Path p = dir.resolve("truncated-" + file + ".tif");
        Files.write(p, java.util.Arrays.copyOf(b, new Random(seed).nextInt(b.length)));
        try {
            double sum = Volumes.sum(new TiffFormat.Reader().read(p).image());
            // only bytes nothing points at (alignment padding) may be cut without error, and then nothing changes
            org.junit.jupiter.api.Assertions.assertEquals(Volumes.sum(new TiffFormat.Reader().read(dir.resolve("o" + file + ".tif")).image()), sum);
        } catch (FormatException expected) {
            TypedFailures.assertTypedOneLineNaming(expected, p);
        }
    }

    @Provide
    Arbitrary<Integer> file() { return Arbitraries.integers().between(0, 5); }
}
