package org.scrollwork.io.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Format;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/**
 * Read throughput of every format against {@code cat FILE > /dev/null} on the same bytes, measured
 * alternately in one run (these machines are noisy, so the ratio is the number to trust).
 *
 * <pre>
 * bin/bench io-formats/formats org.scrollwork.io.bench.FormatReadBenchmark 256 5
 * </pre>
 * Arguments: edge length of the cubic uint8 volume (default 256, i.e. 16 MiB), rounds (default 5).
 */
public final class FormatReadBenchmark {

    private record Case(String label, Format format, String fileName, WriteOptions options) {}

    public static void main(String[] args) throws Exception {
        int edge = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("scrollwork-bench");
        try {
            run(dir, edge, rounds);
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    private static void run(Path dir, int edge, int rounds) throws Exception {
        Volume<?> v = Volumes.copyToMemory(scanLike(edge));
        List<Case> cases = new ArrayList<>();
        for (Format f : Formats.all()) {
            String ext = f.extensions().isEmpty() ? "" : f.extensions().get(0);
            cases.add(new Case(f.name() + " (default)", f, "bench-" + f.name() + ext, WriteOptions.DEFAULTS));
        }
        addIfPresent(cases, "tiff", Compression.DEFLATE, ".tif");
        addIfPresent(cases, "tiff", Compression.LZW, ".tif");
        addIfPresent(cases, "ome-zarr", Compression.NONE, ".zarr");
        addIfPresent(cases, "ome-zarr", Compression.ZSTD, ".zarr");
        addIfPresent(cases, "nrrd", Compression.GZIP, ".nrrd");
        System.out.printf("volume: %d^3 uint8 (%.1f MiB), %d rounds, best of rounds%n", edge, v.byteCount() / 1048576.0, rounds);
        System.out.printf("| %-26s | %10s | %10s | %12s | %12s | %8s |%n", "format", "disk MiB", "voxel MiB", "read MB/s", "cat MB/s", "read/cat");
        System.out.println("|----------------------------|-----------:|-----------:|-------------:|-------------:|---------:|");
        for (Case c : cases) {
            Path p = dir.resolve(c.fileName);
            try {
                c.format.createWriter().write(p, List.of(v), c.options);
            } catch (RuntimeException e) {
                System.out.printf("| %-26s | skipped: %s%n", c.label, e.getMessage());
                continue;
            }
            long disk = sizeOf(p);
            double bestRead = Double.MAX_VALUE;
            double bestCat = Double.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                catToDevNull(p);
                long t1 = System.nanoTime();
                Volume<?> back = c.format.createReader().read(p);
                Volumes.copyToMemory(back);
                long t2 = System.nanoTime();
                bestCat = Math.min(bestCat, (t1 - t0) / 1e9);
                bestRead = Math.min(bestRead, (t2 - t1) / 1e9);
            }
            double mb = v.byteCount() / 1e6;
            System.out.printf("| %-26s | %10.1f | %10.1f | %12.0f | %12.0f | %8.2f |%n", c.label, disk / 1048576.0, v.byteCount() / 1048576.0,
                    mb / bestRead, disk / 1e6 / bestCat, bestCat / bestRead * (mb / (disk / 1e6)));
        }
        System.out.println("read MB/s counts decoded voxel bytes; cat MB/s counts bytes on disk; read/cat = cat time / read time "
                + "scaled to equal bytes (1.0 = as fast as cat).");
    }

    private static void addIfPresent(List<Case> cases, String name, Compression c, String ext) {
        Formats.byName(name).ifPresent(f -> cases.add(new Case(name + " " + c.cliName(), f, "bench-" + name + "-" + c.cliName() + ext,
                WriteOptions.DEFAULTS.withCompression(c))));
    }

    /** A scan-like uint8 volume: smooth structure plus detector noise, so codecs see realistic entropy. */
    static Volume<?> scanLike(int edge) {
        ScanMetadata meta = ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(7.91)).beamEnergyKeV(54.0).build();
        return ChunkedVolumes.lazy(new long[] {edge, edge, edge}, new int[] {edge, edge, 1}, meta, (g, min, size) -> {
            byte[] a = new byte[size[0] * size[1]];
            SplittableRandom rnd = new SplittableRandom(min[2]);
            int i = 0;
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    double r = Math.hypot(x - edge / 2.0, y - edge / 2.0);
                    double sheet = 0.5 + 0.5 * Math.sin(r * 0.6 + min[2] * 0.02);
                    a[i++] = (byte) Math.max(0, Math.min(255, 40 + 120 * sheet + rnd.nextGaussian() * 8));
                }
            }
            return a;
        });
    }

    private static long sizeOf(Path p) throws IOException {
        if (Files.isRegularFile(p)) return Files.size(p);
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** Runs {@code cat} over every file of a file or directory tree, output to /dev/null. */
    private static void catToDevNull(Path p) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder("sh", "-c", "find \"$1\" -type f -exec cat {} + > /dev/null", "sh", p.toString())
                .redirectErrorStream(true).start();
        proc.getInputStream().readAllBytes();
        if (proc.waitFor() != 0) throw new IOException("cat failed on " + p);
    }
}
