package org.scrollwork.io.zarr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelArrays;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/**
 * Harness (not a test): writes a synthetic 8-bit scan-like volume (smooth layers plus noise) as OME-Zarr
 * with each codec in 128³ chunks, then reads it back in full, and prints a table of throughput and size.
 * Arguments: edge length (default 256), repetitions (default 3; the best is reported).
 */
public final class OmeZarrBenchmark {
    private OmeZarrBenchmark() {}

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Volume<?> v = scanLike(n, 42);
        double mb = v.byteCount() / 1e6;
        Path dir = Files.createTempDirectory("zarr-bench");
        System.out.printf("volume %d^3 uint8 (%.1f MB), chunks 128^3, best of %d, %d cores%n", n, mb, reps, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-11s %12s %12s %10s%n", "codec", "write MB/s", "read MB/s", "ratio");
        try {
            for (Compression c : List.of(Compression.NONE, Compression.DEFLATE, Compression.GZIP, Compression.ZSTD, Compression.BLOSC_LZ4, Compression.BLOSC_ZSTD)) {
                Path p = dir.resolve(c.cliName() + ".ome.zarr");
                long bestW = Long.MAX_VALUE;
                long bestR = Long.MAX_VALUE;
                double sum = 0;
                for (int r = 0; r < reps; r++) {
                    long t0 = System.nanoTime();
                    new OmeZarrFormat().createWriter().write(p, List.of(v), WriteOptions.DEFAULTS.withCompression(c));
                    long t1 = System.nanoTime();
                    sum = Volumes.sum(new OmeZarrFormat().createReader().read(p).image());
                    long t2 = System.nanoTime();
                    bestW = Math.min(bestW, t1 - t0);
                    bestR = Math.min(bestR, t2 - t1);
                }
                if (sum <= 0) throw new AssertionError("read nothing");
                System.out.printf("%-11s %12.1f %12.1f %10.2f%n", c.cliName(), mb / (bestW / 1e9), mb / (bestR / 1e9), v.byteCount() / (double) size(p));
            }
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    static Volume<?> scanLike(int n, long seed) {
        Random rnd = new Random(seed);
        byte[] a = (byte[]) VoxelArrays.allocate(DataType.UINT8, n * n * n);
        int i = 0;
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++, i++) {
                    double r = Math.hypot(x - n / 2.0, y - n / 2.0);
                    double layer = 0.5 + 0.5 * Math.sin(r / 3.0 + z * 0.01);
                    a[i] = (byte) Math.max(0, Math.min(255, 40 + 120 * layer + rnd.nextGaussian() * 8));
                }
            }
        }
        return Volumes.wrap(a, new long[] {n, n, n}, ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(7.91)).build());
    }

    private static long size(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
