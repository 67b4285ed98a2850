package org.scrollwork.io.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/**
 * Laziness: writing streams a computed (never materialised) volume slice by slice, and reading decodes
 * only the pages touched. Voxel values are the closed form {@link #value}, so every check is arithmetic.
 */
class TiffLazyReadTest {
    @TempDir Path dir;

    static int value(long x, long y, long z) { return (int) ((x * 3 + y * 5 + z * 7919) & 0xffff); }

    /** A uint16 volume computed chunk by chunk (one slice per chunk); counts chunk loads. */
    static Volume<?> computed(int w, int h, int d, AtomicInteger loads) {
        return ChunkedVolumes.lazy(new long[] {w, h, d}, new int[] {w, h, 1},
                ScanMetadata.builder(DataType.UINT16).voxelSizeUm(VoxelSize.isotropic(7.91)).build(), (grid, min, size) -> {
                    loads.incrementAndGet();
                    short[] a = new short[size[0] * size[1]];
                    for (int y = 0, i = 0; y < size[1]; y++) for (int x = 0; x < size[0]; x++, i++) a[i] = (short) value(x, y, min[2]);
                    return a;
                }, 4L << 20);
    }

    /** Sum of one slice by the closed form. */
    static long sliceSum(int w, int h, long z) {
        long s = 0;
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) s += value(x, y, z);
        return s;
    }

    @Test
    void readingTwoVoxelsOfA64MiBStackDecodesOnlyTheirTwoPages() {
        int w = 1024, h = 1024, d = 32;
        AtomicInteger sourceLoads = new AtomicInteger();
        Path p = dir.resolve("big.tif");
        new TiffFormat.Writer().write(p, List.of(computed(w, h, d, sourceLoads)), WriteOptions.DEFAULTS);
        assertEquals(d, sourceLoads.get(), "the writer reads each source slice once");

        Set<Integer> decoded = new TreeSet<>();
        Volume<?> v = new TiffFormat.Reader(4L << 20, decoded::add).read(p);
        assertEquals(Set.of(), decoded, "opening decodes nothing");
        assertEquals(value(5, 7, 17), Volumes.get(v.image(), 5, 7, 17));
        assertEquals(value(1000, 3, 3), Volumes.get(v.image(), 1000, 3, 3));
        assertEquals(Set.of(3, 17), decoded);
        assertEquals(sliceSum(w, h, 17), sumOfSlice(v, 17));
        assertEquals(Set.of(3, 17), decoded, "slice 17 came from the cache");
    }

    /**
     * Whole-slice reads decode past the cache, straight into the caller's array: a read of a few slices still leaves
     * them cached (a viewer going back finds them), a whole-volume read does not fill the cache, and every voxel is right.
     */
    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void wholeSliceReadsCacheFewSlicesButNotTheWholeVolume() {
        int w = 64, h = 48, d = 40;
        Path p = dir.resolve("slices-cache.tif");
        new TiffFormat.Writer().write(p, List.of(computed(w, h, d, new AtomicInteger())), WriteOptions.DEFAULTS.withCompression(org.scrollwork.io.Compression.DEFLATE));
        List<Integer> decoded = new java.util.concurrent.CopyOnWriteArrayList<>();
        Volume<?> v = new TiffFormat.Reader(256L << 10, decoded::add).read(p); // 42 slices of 6 KiB; a read of more than 8 is not cached
        short[] s9 = (short[]) ChunkedVolumes.readSlice(v, 9);
        for (int y = 0, i = 0; y < h; y++) for (int x = 0; x < w; x++, i++) assertEquals(value(x, y, 9), Short.toUnsignedInt(s9[i]));
        assertEquals(List.of(9), decoded);
        ChunkedVolumes.readSlice(v, 9);
        assertEquals(sliceSum(w, h, 9), sumOfSlice(v, 9));
        assertEquals(List.of(9), decoded, "slice 9 came from the cache");

        decoded.clear();
        short[] all = (short[]) ChunkedVolumes.readBlock((Volume) v, new long[3], new int[] {w, h, d});
        for (int z = 0, i = 0; z < d; z++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++, i++) assertEquals(value(x, y, z), Short.toUnsignedInt(all[i]));
        assertEquals(d - 1, decoded.size(), "every slice but the cached one decoded once: " + decoded);
        decoded.clear();
        ChunkedVolumes.readSlice(v, 30);
        assertEquals(List.of(30), decoded, "the whole-volume read left slice 30 out of the cache");
    }

    /** Sum of slice {@code z} of a volume, read through the volume's image. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static long sumOfSlice(Volume<?> v, long z) {
        return (long) Volumes.sum(net.imglib2.view.Views.hyperSlice((net.imglib2.RandomAccessibleInterval) v.image(), 2, z));
    }

    /** Writes a ~600 MB stack from a computed volume, then reads three slices in a JVM limited to 512 MiB of heap. */
    @Test
    @Tag("slow")
    void aSliceOfA600MBStackReadsInA512MiBHeap() throws IOException, InterruptedException {
        int w = 2048, h = 2048, d = 72;
        Path p = dir.resolve("huge.tif");
        new TiffFormat.Writer().write(p, List.of(computed(w, h, d, new AtomicInteger())), WriteOptions.DEFAULTS);
        assertTrue(Files.size(p) > 600_000_000L, "file size " + Files.size(p));
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process proc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", cp,
                Child.class.getName(), p.toString(), "0", "40", "71").redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(proc.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, proc.exitValue(), out);
        assertEquals(sliceSum(w, h, 0) + " " + sliceSum(w, h, 40) + " " + sliceSum(w, h, 71), out);
    }

    /** Child JVM: prints the sums of the given slices of a TIFF stack, separated by spaces. */
    public static final class Child {
        public static void main(String[] args) {
            Volume<?> v = new TiffFormat.Reader().read(Path.of(args[0]));
            StringBuilder s = new StringBuilder();
            for (int i = 1; i < args.length; i++) s.append(i > 1 ? " " : "").append(sumOfSlice(v, Long.parseLong(args[i])));
            System.out.println(s);
        }
    }
}
