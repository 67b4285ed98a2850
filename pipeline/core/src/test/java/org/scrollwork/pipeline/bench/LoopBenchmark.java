package org.scrollwork.pipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;
import net.imglib2.Cursor;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.IndexSchedule;
import org.scrollwork.aunn.train.ShuffledEpochs;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.phantom.Phantom;
import org.scrollwork.phantom.PhantomConfig;
import org.scrollwork.phantom.PhantomGenerator;
import org.scrollwork.pipeline.SliceReconstruction;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.render.Renderer;

/**
 * Benchmark harness (prints a table; no asserts) for issue 16's rows on the real training loop and on rendering, each
 * against the model alone at the same size, alternated in one JVM, median of the rounds:
 * <ul>
 *   <li>A: samples/s of {@link TrainingRun#run} as the {@code train} stage calls it (uniform random schedule, an
 *   evaluation of {@link TrainingDefaults#EVAL_SAMPLES} train, held-out and validation indices every 20 steps with early
 *   stopping on the validation slices' expected-byte error, a snapshot every 40 steps, as in a default run) on a corpus holding the centred 64×64×32 region of the default phantom with
 *   every second slice held out as {@code run} ingests it, against {@link AunnTrainer#step} alone on batches drawn from
 *   the same corpus beforehand (the model-only benchmark's inner loop);</li>
 *   <li>B: voxels/s of rendering a uint16 {@code EDGE³} record of a phantom as {@code scrollwork render} does
 *   ({@link TrainedModel#load}, {@link Renderer#render}, {@link Renderer#toVolume}, a TIFF written), against the
 *   model-only inference rate ({@link Predictor#logits} on {@link Renderer#BATCH} indices of the same record) divided by the
 *   two bytes per voxel. Each round also renders the same box as the render was before issue 16's change
 *   ({@link RenderReference}: softmax and expectation on the heap in float64), alternating which of the two goes first, and
 *   prints the largest difference between their values.</li>
 * </ul>
 *
 * <pre>bin/bench pipeline/core org.scrollwork.pipeline.bench.LoopBenchmark [WIDTH DEPTH BATCH [STEPS [EDGE [ROUNDS [EVAL_EVERY]]]]]</pre>
 * Defaults: the model of {@code scrollwork run} (geometry embedding, 64×2, batch 2048) trained 120 steps with the evaluation
 * and snapshot intervals of its default 400-step run (every 20 and 40 steps), a 128³ render, 3 rounds.
 */
public final class LoopBenchmark {
    private static final int MODEL_ONLY_BATCHES = 16, INFER_BATCHES = 48;

    private LoopBenchmark() {}

    public static void main(String[] args) throws IOException {
        System.setProperty("ai.djl.pytorch.num_threads", "2");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        int width = arg(args, 0, TrainingDefaults.WIDTH), depth = arg(args, 1, TrainingDefaults.DEPTH), batch = arg(args, 2, TrainingDefaults.BATCH);
        int steps = arg(args, 3, 120), edge = arg(args, 4, 128), rounds = arg(args, 5, 3);
        int evalEvery = arg(args, 6, TrainingDefaults.evalEvery(TrainingDefaults.STEPS));
        String loadStart = loadAverage();
        Path tmp = Files.createTempDirectory("loop-bench");
        try {
            run(tmp, width, depth, batch, steps, edge, rounds, evalEvery, loadStart);
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    private static void run(Path tmp, int width, int depth, int batch, int steps, int edge, int rounds, int evalEvery, String loadStart) throws IOException {
        long t0 = System.nanoTime();
        Phantom ph = PhantomGenerator.generate(PhantomConfig.defaults());
        Volume<?> region = central(ph.fine().scans().get(0), 64);
        Volume<?> big = uint16(PhantomGenerator.generate(PhantomConfig.forSize(edge, edge, edge)).fine().scans().get(0));
        AunnConfig model = TrainingDefaults.config(width, depth, batch, TrainingDefaults.LR, steps, 1);
        TrainingRun.Options opts = options(evalEvery);
        try (Corpus small = ingest(tmp.resolve("corpus-a"), region, true); Corpus renderCorpus = ingest(tmp.resolve("corpus-b"), big, false)) {
            // a model to render with: a few steps on the uint16 record (the weights do not change the cost)
            Path renderRun = tmp.resolve("render-run");
            TrainingRun.run(renderCorpus, TrainingDefaults.config(width, depth, batch, TrainingDefaults.LR, 4, 1), renderRun,
                    new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 4, 4, 1024), m -> { });
            CorpusRecord rec = renderCorpus.records().get(renderCorpus.records().size() - 1);
            Box all = new Box(0, 0, 0, rec.shape().x(), rec.shape().y(), rec.shape().z());
            System.out.printf(Locale.ROOT, "setup %.1f s (phantoms, corpora, a 4-step model to render with)%n", (System.nanoTime() - t0) / 1e9);

            double[][] r = new double[5][rounds];
            long[] stepsDone = new long[rounds];
            double[] loopSeconds = new double[rounds], renderSeconds = new double[rounds], beforeSeconds = new double[rounds];
            double maxDiff = 0;
            for (int k = -1; k < rounds; k++) { // round -1: warm-up, not counted
                int steps1 = k < 0 ? Math.min(steps, 20) : steps;
                AunnConfig m1 = k < 0 ? TrainingDefaults.config(width, depth, batch, TrainingDefaults.LR, steps1, 1) : model;
                TrainingRun.Options o1 = k < 0 ? options(10) : opts;
                Path dir = tmp.resolve("run-" + k);
                long s = System.nanoTime();
                TrainingRun.Metrics m = TrainingRun.run(small, m1, dir, o1, x -> { });
                double sec = (System.nanoTime() - s) / 1e9;
                AtomicFiles.deleteTree(dir);
                double modelOnly = modelOnlyTraining(small, m1, k < 0 ? 5 : (int) m.step());
                Box box = k < 0 ? new Box(0, 0, 0, all.x1(), all.y1(), Math.max(1, all.z1() / 16)) : all;
                // the render as it is and as it was (RenderReference), in alternating order
                double rsec = 0, bsec = 0;
                double[][] values = new double[2][];
                for (int j = 0; j < 2; j++) {
                    boolean before = (j == 0) == (k % 2 == 0);
                    s = System.nanoTime();
                    values[before ? 1 : 0] = render(renderCorpus, renderRun, rec, box, tmp.resolve("render.tif"), before);
                    double t = (System.nanoTime() - s) / 1e9;
                    if (before) bsec = t; else rsec = t;
                }
                for (int i = 0; i < values[0].length; i++) maxDiff = Math.max(maxDiff, Math.abs(values[0][i] - values[1][i]));
                double inferVoxels = modelOnlyInference(renderCorpus, renderRun, rec) / rec.voxelBytes();
                if (k < 0) continue;
                stepsDone[k] = m.step();
                loopSeconds[k] = sec;
                renderSeconds[k] = rsec;
                beforeSeconds[k] = bsec;
                r[0][k] = m.step() * (double) batch / sec;
                r[1][k] = modelOnly;
                r[2][k] = box.voxels() / rsec;
                r[3][k] = inferVoxels;
                r[4][k] = box.voxels() / bsec;
                System.out.printf(Locale.ROOT, "round %d: loop %d steps in %.1f s = %.0f samples/s, model-only %.0f; render %d voxels in %.1f s = %.0f voxels/s (before: %.1f s = %.0f), model-only %.0f; load %s%n",
                        k + 1, m.step(), sec, r[0][k], modelOnly, box.voxels(), rsec, r[2][k], bsec, r[4][k], inferVoxels, loadAverage());
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "geometry embedding, body %d×%d, batch %d, %d steps (%d evaluations of 3 × %d indices, a snapshot every second one, early stopping on expected-byte error), render %d³ uint16 "
                    + "in batches of %d indices; 2 PyTorch threads; median of %d alternating rounds; load average at start %s, at end %s%n", width, depth, batch, steps,
                    steps / evalEvery, TrainingDefaults.EVAL_SAMPLES, edge, Renderer.BATCH, rounds, loadStart, loadAverage());
            System.out.println("| row | product | model only | ratio |");
            System.out.println("|---|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| A: training samples/s (`TrainingRun`, median %.1f s for %d steps) | %.0f | %.0f | %.2f |%n", median(loopSeconds),
                    median(Arrays.stream(stepsDone).asDoubleStream().toArray()) == 0 ? 0 : (long) median(Arrays.stream(stepsDone).asDoubleStream().toArray()),
                    median(r[0]), median(r[1]), median(r[0]) / median(r[1]));
            System.out.printf(Locale.ROOT, "| B: render voxels/s (%d³ uint16, median %.1f s incl. TIFF write) | %.0f | %.0f | %.2f |%n", edge, median(renderSeconds),
                    median(r[2]), median(r[3]), median(r[2]) / median(r[3]));
            System.out.printf(Locale.ROOT, "| B, before: the same render with softmax and expectation on the heap (`RenderReference`, median %.1f s) | %.0f | %.0f | %.2f |%n",
                    median(beforeSeconds), median(r[4]), median(r[3]), median(r[4]) / median(r[3]));
            System.out.printf(Locale.ROOT, "render after / before: %.2f; largest |after - before| over the rendered voxels: %.4f grey levels (uint16)%n",
                    median(r[2]) / median(r[4]), maxDiff);
        }
    }

    /**
     * What the train stage runs with, at the intervals of a default ({@value TrainingDefaults#STEPS}-step) run whatever the
     * benchmark's length: an evaluation every {@code evalEvery} steps, a snapshot every second evaluation (a tenth of the
     * default run), early stopping on the validation slices' expected-byte error.
     */
    private static TrainingRun.Options options(int evalEvery) {
        return new TrainingRun.Options(TrainingDefaults.SCHEDULE, evalEvery, 2 * evalEvery, TrainingDefaults.EVAL_SAMPLES, TrainingDefaults.PATIENCE)
                .withStopping(TrainingRun.Stopping.EXPECTED_BYTE_ERROR);
    }

    /** A corpus with {@code v} as its last record, with every second slice held out (one in four of them for validation) as {@code run} ingests. */
    private static Corpus ingest(Path dir, Volume<?> v, boolean holdOut) {
        Corpus c = Corpus.create(dir, CorpusOptions.defaults());
        CorpusRecord rec = c.appendVolume(v, RecordMeta.of("ct", v.meta()), OptionalInt.empty());
        if (holdOut) SliceReconstruction.holdOutOddSlicesWithValidation(c, rec.id());
        return c;
    }

    /** Training samples/s of {@link AunnTrainer#step} alone (after one warm-up step) on {@code stepsToTime} steps of pre-drawn batches. */
    private static double modelOnlyTraining(Corpus corpus, AunnConfig config, int stepsToTime) {
        AunnConfig c = config.withIndexBits(corpus.indexBits()).withLayout(corpus.layout());
        IndexSchedule schedule = new ShuffledEpochs(c.batchSize(), c.seed());
        long[][] idx = new long[MODEL_ONLY_BATCHES][];
        int[][] bytes = new int[MODEL_ONLY_BATCHES][];
        for (int i = 0; i < MODEL_ONLY_BATCHES; i++) {
            idx[i] = schedule.next(corpus, i);
            bytes[i] = new int[idx[i].length];
            corpus.bytesAt(idx[i], bytes[i]);
        }
        try (AunnModel m = new AunnModel(c); AunnTrainer t = new AunnTrainer(m)) {
            t.step(idx[0], bytes[0]);
            long s = System.nanoTime();
            for (int i = 0; i < stepsToTime; i++) t.step(idx[i % MODEL_ONLY_BATCHES], bytes[i % MODEL_ONLY_BATCHES]);
            return (double) stepsToTime * c.batchSize() / ((System.nanoTime() - s) / 1e9);
        }
    }

    /** Inference samples/s of {@link Predictor#logits} alone on the record's first {@link Renderer#BATCH} indices, repeated. */
    private static double modelOnlyInference(Corpus corpus, Path run, CorpusRecord rec) {
        long[] idx = new long[Renderer.BATCH];
        for (int i = 0; i < idx.length; i++) {
            int v = i / rec.voxelBytes();
            idx[i] = rec.indexOf(v % rec.shape().x(), v / rec.shape().x() % rec.shape().y(), v / (rec.shape().x() * rec.shape().y()), i % rec.voxelBytes());
        }
        try (TrainedModel t = TrainedModel.load(run, corpus)) {
            Predictor.logits(t.model(), idx, Renderer.BATCH);
            long s = System.nanoTime();
            for (int i = 0; i < INFER_BATCHES; i++) Predictor.logits(t.model(), idx, Renderer.BATCH);
            return (double) INFER_BATCHES * Renderer.BATCH / ((System.nanoTime() - s) / 1e9);
        }
    }

    /**
     * What {@code scrollwork render --corpus C --model RUN --record R --box B OUT.tif} does; {@code before}: with the render
     * as it was ({@link RenderReference}). Returns the rendered values.
     */
    private static double[] render(Corpus corpus, Path run, CorpusRecord rec, Box box, Path out, boolean before) {
        try (TrainedModel t = TrainedModel.load(run, corpus)) {
            ScanMetadata meta = rec.meta().toScanMetadata(rec.dataType()).toBuilder().provenance("render", "benchmark").build();
            double[] values = before ? RenderReference.render(t.model(), rec, box) : Renderer.render(t.model(), rec, box, 1, p -> { });
            Volume<?> v = Renderer.toVolume(values, box, rec.dataType(), meta);
            Formats.byName("tiff").orElseThrow().createWriter().write(out, v);
            return values;
        }
    }

    /** The centred {@code crop × crop × crop/2} voxels of a scan, as {@code run --crop} takes them. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Volume<?> central(Volume<?> scan, int crop) {
        long[] s = scan.shape();
        long cx = crop, cy = crop, cz = crop / 2;
        long x0 = (s[0] - cx) / 2, y0 = (s[1] - cy) / 2, z0 = (s[2] - cz) / 2;
        return new Volume(Views.zeroMin(Views.interval(scan.image(), new long[] {x0, y0, z0}, new long[] {x0 + cx - 1, y0 + cy - 1, z0 + cz - 1})), scan.meta());
    }

    /** A uint8 scan as uint16 (each value times 257, so both bytes vary). */
    static Volume<?> uint16(Volume<?> scan) {
        short[] a = new short[Math.toIntExact(scan.voxelCount())];
        Cursor<? extends RealType<?>> c = Views.flatIterable(scan.image()).cursor();
        for (int i = 0; c.hasNext(); i++) a[i] = (short) ((int) c.next().getRealDouble() * 257);
        return Volumes.wrap(a, scan.shape(), scan.meta().toBuilder().dataType(DataType.UINT16).build());
    }

    static double median(double[] v) {
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
