package org.scrollwork.pipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.Volume;
import org.scrollwork.phantom.PhantomConfig;
import org.scrollwork.phantom.PhantomGenerator;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.render.Renderer;

/**
 * Benchmark harness (prints a table; no asserts): {@link Renderer#render} against the render as it was
 * ({@link RenderReference}: softmax and expectation on the heap) and against the model alone ({@link Predictor#logits} on
 * the same indices, one batch at a time), paired slab by slab. The box of a uint16 {@code EDGE³} phantom record is cut into slabs of
 * {@code SLAB} z-slices; for each slab the three run one after the other, in an order that rotates from slab to slab, so
 * that a machine whose speed changes from second to second (other users' work) slows the three alike. Per variant the
 * times are summed over the slabs; the per-slab ratios' median is printed too. The model and the TIFF write of
 * {@code scrollwork render} are left out (the same for both renders; {@link LoopBenchmark} times them).
 *
 * <pre>bin/bench pipeline/core org.scrollwork.pipeline.bench.RenderPairBenchmark [EDGE [ROUNDS [SLAB]]]</pre>
 * Defaults: 80³, 3 rounds over the box, slabs of 8 slices; the model of {@code scrollwork run} (geometry embedding, 64×2).
 */
public final class RenderPairBenchmark {
    private RenderPairBenchmark() {}

    public static void main(String[] args) throws IOException {
        System.setProperty("ai.djl.pytorch.num_threads", "2");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        int edge = args.length > 0 ? Integer.parseInt(args[0]) : 80, rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int slab = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        String loadStart = Files.readString(Path.of("/proc/loadavg")).trim();
        Path tmp = Files.createTempDirectory("render-pair");
        try {
            Volume<?> big = LoopBenchmark.uint16(PhantomGenerator.generate(PhantomConfig.forSize(edge, edge, edge)).fine().scans().get(0));
            try (Corpus corpus = Corpus.create(tmp.resolve("corpus"), CorpusOptions.defaults())) {
                corpus.appendVolume(big, RecordMeta.of("ct", big.meta()), OptionalInt.empty());
                Path run = tmp.resolve("run");
                TrainingRun.run(corpus, TrainingDefaults.config(TrainingDefaults.WIDTH, TrainingDefaults.DEPTH, TrainingDefaults.BATCH, TrainingDefaults.LR, 4, 1), run,
                        new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 4, 4, 1024), m -> { });
                CorpusRecord rec = corpus.records().get(corpus.records().size() - 1);
                try (TrainedModel t = TrainedModel.load(run, corpus)) {
                    double[] total = new double[3]; // after, before, model only
                    int slabs = (edge + slab - 1) / slab;
                    double[] ratioBefore = new double[rounds * slabs], ratioModel = new double[rounds * slabs];
                    double maxDiff = 0;
                    // warm-up: one slab of each
                    Box warm = new Box(0, 0, 0, edge, edge, Math.min(edge, slab));
                    Renderer.render(t.model(), rec, warm);
                    RenderReference.render(t.model(), rec, warm);
                    modelOnly(t.model(), indices(rec, warm));
                    int k = 0;
                    for (int r = 0; r < rounds; r++) {
                        for (int s = 0; s < slabs; s++, k++) {
                            Box box = new Box(0, 0, (long) s * slab, edge, edge, Math.min(edge, (long) (s + 1) * slab));
                            long[] idx = indices(rec, box);
                            double[] sec = new double[3];
                            double[][] values = new double[2][];
                            for (int j = 0; j < 3; j++) {
                                int which = (j + k) % 3;
                                long t0 = System.nanoTime();
                                if (which == 0) values[0] = Renderer.render(t.model(), rec, box);
                                else if (which == 1) values[1] = RenderReference.render(t.model(), rec, box);
                                else modelOnly(t.model(), idx);
                                sec[which] = (System.nanoTime() - t0) / 1e9;
                            }
                            for (int i = 0; i < values[0].length; i++) maxDiff = Math.max(maxDiff, Math.abs(values[0][i] - values[1][i]));
                            for (int w = 0; w < 3; w++) total[w] += sec[w];
                            ratioBefore[k] = sec[1] / sec[0];
                            ratioModel[k] = sec[2] / sec[0];
                        }
                        System.out.printf(Locale.ROOT, "round %d: after %.1f s, before %.1f s, model only %.1f s (cumulative); load %s%n", r + 1,
                                total[0], total[1], total[2], Files.readString(Path.of("/proc/loadavg")).trim());
                    }
                    double voxels = (double) rounds * edge * edge * edge;
                    System.out.printf(Locale.ROOT, "%n%d³ uint16, %d rounds of %d slabs of %d slices, batches of %d indices, 2 PyTorch threads; load average at start %s, at end %s%n",
                            edge, rounds, slabs, slab, Renderer.BATCH, loadStart, Files.readString(Path.of("/proc/loadavg")).trim());
                    System.out.println("| variant | voxels/s | / model only | median per-slab ratio to after |");
                    System.out.println("|---|---:|---:|---:|");
                    System.out.printf(Locale.ROOT, "| render (after: softmax and expectation in the engine, float32) | %.0f | %.2f | 1 |%n", voxels / total[0], total[2] / total[0]);
                    System.out.printf(Locale.ROOT, "| render before (`RenderReference`, heap float64) | %.0f | %.2f | %.2f (after / before) |%n", voxels / total[1], total[2] / total[1], LoopBenchmark.median(ratioBefore));
                    System.out.printf(Locale.ROOT, "| model only (`Predictor.logits` on the same indices, halved) | %.0f | 1 | %.2f (after / model only) |%n", voxels / total[2], 1 / LoopBenchmark.median(ratioModel));
                    System.out.printf(Locale.ROOT, "largest |after - before|: %.4f grey levels (uint16)%n", maxDiff);
                }
            }
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    /**
     * The model alone on {@code idx}: {@link Predictor#logits} on one batch of {@link Renderer#BATCH} indices at a time (as
     * {@link LoopBenchmark}'s model-only row calls it; one call for a whole slab would time a 100 MB logits array instead).
     */
    private static void modelOnly(org.scrollwork.aunn.model.AunnModel model, long[] idx) {
        for (int from = 0; from < idx.length; from += Renderer.BATCH) {
            Predictor.logits(model, Arrays.copyOfRange(idx, from, Math.min(idx.length, from + Renderer.BATCH)), Renderer.BATCH);
        }
    }

    /** The box's indices in the render's order: voxels x fastest, each voxel's bytes most significant first. */
    private static long[] indices(CorpusRecord rec, Box box) {
        int nx = (int) (box.x1() - box.x0()), ny = (int) (box.y1() - box.y0()), nz = (int) (box.z1() - box.z0());
        int bpv = rec.voxelBytes();
        long[] idx = new long[nx * ny * nz * bpv];
        for (int i = 0; i < nx * ny * nz; i++) {
            for (int b = 0; b < bpv; b++) idx[i * bpv + b] = rec.indexOf(box.x0() + i % nx, box.y0() + i / nx % ny, box.z0() + i / (nx * ny), b);
        }
        return idx;
    }

}
