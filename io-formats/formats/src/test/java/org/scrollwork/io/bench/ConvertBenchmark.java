package org.scrollwork.io.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/**
 * {@code convert} in both directions between OME-Zarr and TIFF, each in a child JVM with a small heap, as
 * {@code scrollwork convert IN OUT} streams it (every level opened lazily, then the output format's writer). Writes a
 * scan-like uint8 volume as OME-Zarr (default codec blosc-lz4, chunks 128³) and as uncompressed TIFF, then alternates
 * Zarr → TIFF and TIFF → Zarr, and prints each run, the medians (of the runs that finished), their ratio and the load
 * average.
 *
 * <pre>
 * bin/bench io-formats/formats org.scrollwork.io.bench.ConvertBenchmark 1024 1024 512 3 256m
 * </pre>
 * Arguments: x, y, z (default 1024 1024 512), rounds (default 3), child heap (default 256m). {@code --generate DIR X Y Z} only
 * writes the two inputs into DIR, {@code --convert IN OUT} runs one conversion in this JVM (as the child does).
 */
public final class ConvertBenchmark {
    private ConvertBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--convert")) {
            convert(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        if (args.length > 0 && args[0].equals("--generate")) {
            Path dir = Path.of(args[1]);
            Volume<?> v = generated(Long.parseLong(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]));
            Formats.forOutput(dir.resolve("in.ome.zarr")).createWriter().write(dir.resolve("in.ome.zarr"), List.of(v), WriteOptions.DEFAULTS);
            Formats.forOutput(dir.resolve("in.tif")).createWriter().write(dir.resolve("in.tif"), List.of(v), WriteOptions.DEFAULTS);
            return;
        }
        long nx = args.length > 2 ? Long.parseLong(args[0]) : 1024;
        long ny = args.length > 2 ? Long.parseLong(args[1]) : 1024;
        long nz = args.length > 2 ? Long.parseLong(args[2]) : 512;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String heap = args.length > 4 ? args[4] : "256m";
        Path dir = Files.createTempDirectory("scrollwork-convert");
        try {
            Path zarr = dir.resolve("in.ome.zarr");
            Path tiff = dir.resolve("in.tif");
            Volume<?> v = generated(nx, ny, nz);
            Formats.forOutput(zarr).createWriter().write(zarr, List.of(v), WriteOptions.DEFAULTS);
            Formats.forOutput(tiff).createWriter().write(tiff, List.of(v), WriteOptions.DEFAULTS);
            System.out.printf("volume %d x %d x %d uint8 (%.0f MiB), OME-Zarr blosc-lz4 chunks 128³, TIFF uncompressed; child -Xmx%s; %s%n",
                    nx, ny, nz, nx * ny * nz / 1048576.0, heap, uptime());
            List<Double> toTiff = new ArrayList<>();
            List<Double> toZarr = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                String a = runChild(heap, zarr, dir.resolve("out.tif"));
                toTiff.add(seconds(a));
                System.out.printf("round %d  zarr -> tiff: %s   (%s)%n", r + 1, a, uptime());
                String b = runChild(heap, tiff, dir.resolve("out.ome.zarr"));
                toZarr.add(seconds(b));
                System.out.printf("round %d  tiff -> zarr: %s   (%s)%n", r + 1, b, uptime());
            }
            double mt = median(toTiff);
            double mz = median(toZarr);
            System.out.printf("median zarr -> tiff %.1f s, tiff -> zarr %.1f s, ratio %.2f; %s%n", mt, mz, mt / mz, uptime());
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    /** A scan-like volume (concentric layers plus hashed noise), generated slice by slice, never whole in memory. */
    static Volume<?> generated(long nx, long ny, long nz) {
        ScanMetadata meta = ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(7.91)).build();
        return ChunkedVolumes.lazy(new long[] {nx, ny, nz}, new int[] {(int) nx, (int) ny, 1}, meta, (g, min, size) -> {
            byte[] a = new byte[size[0] * size[1]];
            long z = min[2];
            int i = 0;
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++, i++) {
                    double r = Math.hypot(x - nx / 2.0, y - ny / 2.0);
                    long h = (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL) ^ (z * 0x165667B19E3779F9L);
                    h ^= h >>> 29;
                    h *= 0xBF58476D1CE4E5B9L;
                    int noise = (int) ((h >>> 59) - 16);
                    a[i] = (byte) Math.max(0, Math.min(255, 100 + (int) (60 * Math.sin(r / 3.0 + z * 0.01)) + noise));
                }
            }
            return a;
        }, 16L << 20);
    }

    private static String runChild(String heap, Path in, Path out) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process proc = new ProcessBuilder(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), ConvertBenchmark.class.getName(),
                "--convert", in.toString(), out.toString()).redirectErrorStream(true).start();
        String text = new String(proc.getInputStream().readAllBytes()).strip();
        if (!proc.waitFor(30, TimeUnit.MINUTES) || proc.exitValue() != 0) {
            return "NaN s, failed: " + text.lines().filter(l -> l.contains("Error") || l.contains("Exception")).findFirst().orElse(text);
        }
        return text;
    }

    /** Child side: what {@code ConvertCommand} does (all levels opened lazily, then written), timed, with the peak heap. */
    private static void convert(Path in, Path out) {
        long t0 = System.nanoTime();
        DatasetInfo info = Formats.detect(in).createParser().parse(in);
        List<Volume<?>> levels = new ArrayList<>();
        for (int i = 0; i < info.levels().size(); i++) levels.add(Formats.read(in, i));
        Formats.forOutput(out).createWriter().write(out, levels, WriteOptions.DEFAULTS);
        double s = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        System.out.printf("%.2f s, peak heap %.0f MiB", s, peak / 1048576.0);
    }

    private static double seconds(String childLine) { return Double.parseDouble(childLine.substring(0, childLine.indexOf(' '))); }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).toArray();
        if (a.length == 0) return Double.NaN;
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static String uptime() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "load average unknown";
        }
    }
}
