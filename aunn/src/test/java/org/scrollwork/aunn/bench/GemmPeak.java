package org.scrollwork.aunn.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What "utilization" divides by: the best fp32 matrix-product rate the engine reaches on this machine (square
 * products of several sizes, each repeated, the fastest kept, so one slow run cannot inflate the utilization), and
 * beside it the theoretical peak from the CPU's description.
 *
 * <pre>
 * bin/bench aunn org.scrollwork.aunn.bench.GemmPeak
 * </pre>
 */
record GemmPeak(double measuredFlops, int bestSize, double theoreticalFlops, String theoreticalBasis) {
    private static final int[] SIZES = {512, 1024, 1536, 2048};
    private static final int REPEATS = 5;

    static GemmPeak measure() {
        double best = 0;
        int bestSize = 0;
        try (NDManager mgr = NDManager.newBaseManager()) {
            for (int n : SIZES) {
                NDArray a = mgr.randomUniform(-1, 1, new Shape(n, n)), b = mgr.randomUniform(-1, 1, new Shape(n, n));
                a.matMul(b).close(); // warm-up
                for (int i = 0; i < REPEATS; i++) {
                    long t0 = System.nanoTime();
                    try (NDArray c = a.matMul(b)) {
                        c.toFloatArray(); // forces completion
                    }
                    double rate = 2.0 * n * n * n / ((System.nanoTime() - t0) / 1e9);
                    if (rate > best) { best = rate; bestSize = n; }
                }
            }
        }
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
        double ghz = clockGhz();
        int lanes = fp32Lanes();
        // two FMA pipes per core, each a multiply and an add per lane per cycle: an upper bound (SMT siblings share them)
        double theoretical = threads * ghz * 1e9 * lanes * 2 * 2;
        String basis = String.format(Locale.ROOT, "%d threads × %.2f GHz × %d fp32 lanes × 2 FMA pipes × 2 FLOPs", threads, ghz, lanes);
        return new GemmPeak(best, bestSize, theoretical, basis);
    }

    /** The clock /proc/cpuinfo reports (its first "cpu MHz"), or NaN where there is none. */
    private static double clockGhz() {
        Matcher m = Pattern.compile("cpu MHz\\s*:\\s*([0-9.]+)").matcher(cpuinfo());
        return m.find() ? Double.parseDouble(m.group(1)) / 1000 : Double.NaN;
    }

    /** fp32 lanes of the widest vector unit /proc/cpuinfo lists: 16 with AVX-512, 8 with AVX2, 4 otherwise. */
    private static int fp32Lanes() {
        String info = cpuinfo();
        return info.contains(" avx512f") ? 16 : info.contains(" avx2") ? 8 : 4;
    }

    private static String cpuinfo() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException e) {
            return "";
        }
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.pytorch.num_threads", "2");
        GemmPeak p = measure();
        System.out.printf(Locale.ROOT, "fp32 matrix product: best %.1f GFLOP/s (at %d²); theoretical %.1f GFLOP/s (%s)%n",
                p.measuredFlops() / 1e9, p.bestSize(), p.theoreticalFlops() / 1e9, p.theoreticalBasis());
    }
}
