package org.scrollwork.io.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Format;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;

/**
 * Lazy reading of volumes larger than the heap: writes a uint8 volume of the given size in each
 * chunked format (generated chunk by chunk, never whole in memory), then reads a 64³ box and one
 * full z-slice in a child JVM with {@code -Xmx512m}, and prints the child's peak heap and times.
 *
 * <pre>
 * bin/bench io-formats/formats org.scrollwork.io.bench.LazyReadBenchmark 4
 * </pre>
 * Argument: volume size in GiB (default 4).
 */
public final class LazyReadBenchmark {

    /** Voxel value as a closed form of its coordinates, so the child can check what it read. */
    static int value(long x, long y, long z) { return (int) ((x * 7 + y * 13 + z * 29) & 0xFF); }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--probe")) {
            probe(Path.of(args[1]));
            return;
        }
        double gib = args.length > 0 ? Double.parseDouble(args[0]) : 4;
        long edgeXY = 2048;
        long z = Math.max(1, Math.round(gib * (1L << 30) / (edgeXY * edgeXY)));
        Path dir = Files.createTempDirectory("scrollwork-lazy");
        try {
            System.out.printf("volume: %d x %d x %d uint8 (%.2f GiB); reader JVM: -Xmx512m%n", edgeXY, edgeXY, z, edgeXY * edgeXY * z / (double) (1L << 30));
            System.out.printf("| %-12s | %9s | %14s | %16s | %15s |%n", "format", "write s", "64³ box read s", "2048² slice read s", "peak heap MiB");
            System.out.println("|--------------|----------:|---------------:|-----------------:|----------------:|");
            for (String name : List.of("tiff", "tiff-slices", "ome-zarr", "nrrd")) {
                Format f = Formats.byName(name).orElse(null);
                if (f == null) continue;
                Path p = dir.resolve("big-" + name + (f.extensions().isEmpty() ? "" : f.extensions().get(0)));
                long t0 = System.nanoTime();
                f.createWriter().write(p, generated(edgeXY, z));
                double write = (System.nanoTime() - t0) / 1e9;
                String probe = runChild(p);
                System.out.printf("| %-12s | %9.1f | %s |%n", name, write, probe);
                AtomicFiles.deleteTree(p);
            }
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    static Volume<?> generated(long xy, long z) {
        ScanMetadata meta = ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(7.91)).build();
        return ChunkedVolumes.lazy(new long[] {xy, xy, z}, new int[] {(int) xy, (int) xy, 1}, meta, (g, min, size) -> {
            byte[] a = new byte[size[0] * size[1] * size[2]];
            int i = 0;
            for (int y = 0; y < size[1]; y++)
                for (int x = 0; x < size[0]; x++) a[i++] = (byte) value(min[0] + x, min[1] + y, min[2]);
            return a;
        }, 16L << 20);
    }

    private static String runChild(Path p) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process proc = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), LazyReadBenchmark.class.getName(),
                "--probe", p.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes()).strip();
        if (!proc.waitFor(10, TimeUnit.MINUTES) || proc.exitValue() != 0) return "child failed: " + out.replace('\n', ' ');
        return out;
    }

    /** Child side: reads a box and a slice, checks values against the closed form, prints timings and peak heap. */
    private static void probe(Path p) {
        long t0 = System.nanoTime();
        Volume<?> v = Formats.read(p, 0);
        long[] s = v.shape();
        long bx = s[0] / 2, by = s[1] / 3, bz = s[2] / 2;
        Object box = ChunkedVolumes.readBlock((Volume) v, new long[] {bx, by, bz}, new int[] {64, 64, (int) Math.min(64, s[2] - bz)});
        check(((byte[]) box)[64 * 64 + 65], bx + 1, by + 1, bz + 1);
        long t1 = System.nanoTime();
        Object slice = ChunkedVolumes.readSlice((Volume) v, 0);
        check(((byte[]) slice)[(int) (s[0] * 10 + 3)], 3, 10, 0);
        long t2 = System.nanoTime();
        Volumes.get(v.image(), 0, 0, 0);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        System.out.printf("%14.2f | %16.2f | %15.0f", (t1 - t0) / 1e9, (t2 - t1) / 1e9, peak / 1048576.0);
    }

    private static void check(byte got, long x, long y, long z) {
        if ((got & 0xFF) != value(x, y, z)) throw new IllegalStateException("wrong voxel at " + x + "," + y + "," + z);
    }
}
