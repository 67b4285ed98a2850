package org.scrollwork.aunn.bench;

import java.util.List;
import java.util.Locale;
import org.scrollwork.aunn.data.IndexLayout;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.EncodingSpec;
import org.scrollwork.aunn.model.GeometrySpec;
import org.scrollwork.aunn.model.SplitMix64;
import org.scrollwork.aunn.train.AunnTrainer;

/**
 * Benchmark harness (prints a table; no asserts): training and inference samples/s and serial (batch 1) update latency
 * of the same body reading indices as the seed's ±1 bits and through the geometry embedding (default grids, read by the
 * default cubic B-spline and linearly), run
 * alternately in one JVM so the ratio is taken side by side. Indices are random voxels of a 256×256×64 uint8 volume
 * at index 0 of a 40-bit list.
 *
 * <pre>bin/bench aunn org.scrollwork.aunn.bench.EmbeddingThroughputBenchmark [WIDTH DEPTH BATCH [LOG2_TABLE_SIZE]]</pre>
 * Defaults: the body of {@code scrollwork run} (64×2, batch 2048) and the default grids (2^16 rows per level).
 */
public final class EmbeddingThroughputBenchmark {
    private static final int ROUNDS = 3, TRAIN_STEPS = 20, INFER_STEPS = 20, SERIAL_STEPS = 200;

    private EmbeddingThroughputBenchmark() {}

    public static void main(String[] args) {
        System.setProperty("ai.djl.pytorch.num_threads", "2");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 64, depth = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 2048;
        IndexLayout layout = new IndexLayout(List.of(new IndexLayout.Region(0, true, 8, 8, 6, 0, 0, new double[3], new double[] {4, 4, 4}, 0, false)));
        AunnConfig base = new AunnConfig(40, width, depth, 0, 0, 10.0, 0.0, 0.0, 1e-3, 10, 1000, batch, 1.0, 1L, EncodingSpec.binary());
        GeometrySpec d = GeometrySpec.defaults();
        GeometrySpec g = args.length > 3 ? new GeometrySpec(d.levels(), d.features(), Integer.parseInt(args[3]), d.fourierFrequencies(), d.channelDim(),
                d.lrMultiplier(), d.basis()) : d;
        AunnConfig[] configs = {base, base.withEncoding(EncodingSpec.geometry(g).boundTo(layout)),
                base.withEncoding(EncodingSpec.geometry(g.withBasis(GeometrySpec.Basis.LINEAR)).boundTo(layout))};
        String[] names = {"bits", "geometry (B-spline, the default)", "geometry (linear)"};
        double[][] best = new double[configs.length][3]; // train samples/s, inference samples/s, serial ms (best of rounds)
        for (double[] b : best) b[2] = Double.POSITIVE_INFINITY;
        SplitMix64 rng = SplitMix64.forKey(1, 2, 3);
        long[] idx = new long[batch];
        int[] bytes = new int[batch];
        for (int i = 0; i < batch; i++) {
            idx[i] = rng.nextLong() & ((1L << 22) - 1);
            bytes[i] = (int) (rng.nextLong() & 255);
        }
        for (int r = 0; r < ROUNDS; r++) {
            for (int k = 0; k < configs.length; k++) {
                try (AunnModel m = new AunnModel(configs[k]); AunnTrainer t = new AunnTrainer(m)) {
                    t.step(idx, bytes); // warm-up
                    long t0 = System.nanoTime();
                    for (int s = 0; s < TRAIN_STEPS; s++) t.step(idx, bytes);
                    best[k][0] = Math.max(best[k][0], (double) TRAIN_STEPS * batch / ((System.nanoTime() - t0) / 1e9));
                    Predictor.logits(m, idx, batch);
                    t0 = System.nanoTime();
                    for (int s = 0; s < INFER_STEPS; s++) Predictor.logits(m, idx, batch);
                    best[k][1] = Math.max(best[k][1], (double) INFER_STEPS * batch / ((System.nanoTime() - t0) / 1e9));
                    t0 = System.nanoTime();
                    for (int s = 0; s < SERIAL_STEPS; s++) t.step(new long[] {idx[s]}, new int[] {bytes[s]});
                    best[k][2] = Math.min(best[k][2], (System.nanoTime() - t0) / 1e6 / SERIAL_STEPS);
                }
            }
        }
        System.out.printf(Locale.ROOT, "body %d×%d, batch %d, fp32, 2 PyTorch threads, best of %d alternating rounds; load average %s%n", width, depth, batch,
                ROUNDS, loadAverage());
        System.out.println("| index embedding | parameters | train samples/s | inference samples/s | serial update ms |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int k = 0; k < configs.length; k++) {
            long params;
            try (AunnModel m = new AunnModel(configs[k])) { params = m.parameterCount(); }
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f |%n", names[k], params, best[k][0], best[k][1], best[k][2]);
        }
        for (int k = 1; k < configs.length; k++) {
            System.out.printf(Locale.ROOT, "| %s / bits | | %.2f | %.2f | %.2f |%n", names[k], best[k][0] / best[0][0], best[k][1] / best[0][1], best[k][2] / best[0][2]);
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
