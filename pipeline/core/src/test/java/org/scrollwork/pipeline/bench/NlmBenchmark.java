package org.scrollwork.pipeline.bench;

import org.scrollwork.pipeline.eval.HeldOutSliceEvaluation;
import org.scrollwork.pipeline.eval.NonLocalMeans;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * {@link NonLocalMeans#denoise} (one distance image per pair of offsets ±u) against {@link NonLocalMeansReference} (one
 * per offset, the code before), alternated in one JVM, median of the rounds, as the held-out-slice baseline calls it:
 * 3×3×3 patches, an 11×11×11 window, the cut-offs {@link HeldOutSliceEvaluation#NLM_H_OVER_SIGMA} × σ with σ estimated
 * from the volume, on a noisy ball-and-slab phantom.
 *
 * <pre>bin/bench pipeline/core org.scrollwork.pipeline.bench.NlmBenchmark [NX NY NZ ROUNDS]</pre>
 * (default 64 64 16 3: the demo's known slices). One warm-up call of each first.
 */
public final class NlmBenchmark {
    private NlmBenchmark() {}

    public static void main(String[] args) {
        int nx = arg(args, 0, 64), ny = arg(args, 1, 64), nz = arg(args, 2, 16), rounds = arg(args, 3, 3);
        double[] v = phantom(nx, ny, nz, 12, 1);
        double sigma = NonLocalMeans.estimateSigma(v, nx, ny, nz);
        double[] hs = HeldOutSliceEvaluation.NLM_H_OVER_SIGMA.stream().mapToDouble(f -> f * sigma).toArray();
        int pr = NonLocalMeans.PATCH_RADIUS, sr = NonLocalMeans.SEARCH_RADIUS;
        String loadStart = loadAverage();
        double[][] a = NonLocalMeansReference.denoise(v, nx, ny, nz, pr, sr, hs, sigma); // warm-up, and the outputs compared
        double[][] b = NonLocalMeans.denoise(v, nx, ny, nz, pr, sr, hs, sigma);
        double maxDiff = 0;
        for (int k = 0; k < hs.length; k++) for (int i = 0; i < v.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[k][i] - b[k][i]));
        double[] before = new double[rounds], after = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            NonLocalMeansReference.denoise(v, nx, ny, nz, pr, sr, hs, sigma);
            long t1 = System.nanoTime();
            NonLocalMeans.denoise(v, nx, ny, nz, pr, sr, hs, sigma);
            long t2 = System.nanoTime();
            before[round] = (t1 - t0) / 1e9;
            after[round] = (t2 - t1) / 1e9;
            System.err.printf(Locale.ROOT, "round %d: before %.3f s, after %.3f s%n", round + 1, before[round], after[round]);
        }
        String loadEnd = loadAverage();
        System.out.printf(Locale.ROOT, "NLM %d×%d×%d, %d cut-offs (σ %.2f), %d cores; median of %d alternating rounds; load average at start %s, at end %s; "
                + "largest difference between the outputs %.3g grey levels%n", nx, ny, nz, hs.length, sigma, Runtime.getRuntime().availableProcessors(), rounds,
                loadStart, loadEnd, maxDiff);
        System.out.println("| volume | before: s per call | after: s per call | before / after |");
        System.out.println("|---|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| %d×%d×%d, %d cut-offs | %.3f | %.3f | %.2f |%n", nx, ny, nz, hs.length, median(before), median(after),
                median(before) / median(after));
    }

    /** A ball and a slab of material in air with a ramp along x, plus Gaussian noise of {@code sigma} (x fastest). */
    static double[] phantom(int nx, int ny, int nz, double sigma, long seed) {
        Random r = new Random(seed);
        double[] v = new double[nx * ny * nz];
        for (int z = 0, i = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    double dx = x - nx / 2.0, dy = y - ny / 2.0, dz = (z - nz / 2.0) * 1.5;
                    double rr = Math.min(nx, ny) / 4.0;
                    v[i] = 40 + (dx * dx + dy * dy + dz * dz < rr * rr ? 120 : 0) + (y > ny - 5 ? 60 : 0) + x + sigma * r.nextGaussian();
                }
            }
        }
        return v;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static int arg(String[] args, int i, int dflt) { return args.length > i ? Integer.parseInt(args[i]) : dflt; }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
