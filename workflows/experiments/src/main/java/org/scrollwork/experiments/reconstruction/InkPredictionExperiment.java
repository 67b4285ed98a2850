package org.scrollwork.experiments.reconstruction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import net.imglib2.view.Views;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.phantom.Phantom;
import org.scrollwork.phantom.PhantomConfig;
import org.scrollwork.phantom.PhantomGenerator;
import org.scrollwork.phantom.PhantomLevel;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.eval.InkScores;

/**
 * Cross-record prediction: a phantom scan and its ink label volume go into one corpus with equal
 * padded shapes (their indices differ only in the block bits). Ink labels of the half x ≥ nx/2 are
 * held out; the AUNN trains on the whole scan and the other half of the labels, then predicts the
 * held-out labels (ink where P(byte = 1) > P(byte = 0)). Baseline: a global threshold on the scan's
 * grey level, chosen for the best F0.5 on the known half. Scores: F0.5 and Dice on the held-out half.
 *
 * <pre>
 * bin/bench workflows/experiments org.scrollwork.experiments.reconstruction.InkPredictionExperiment /tmp/ink 64 64 32 400 geometry [GRID]
 * </pre>
 * Arguments: work directory, crop size x y z of the fine 4 µm scan (centre), training steps, index embedding
 * ({@code bits}: the seed's ±1 bits on a 256×4 MLP, batch 1024, lr 2e-3; {@code geometry}: the geometry embedding with
 * the defaults of {@code scrollwork run}, where the scan and its labels share the grids and differ in their channel),
 * optionally other grid levels as {@code run --grid} takes them.
 */
public final class InkPredictionExperiment {
    private InkPredictionExperiment() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/ink-experiment");
        int cx = args.length > 3 ? Integer.parseInt(args[1]) : 64, cy = args.length > 3 ? Integer.parseInt(args[2]) : 64,
                cz = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int steps = args.length > 4 ? Integer.parseInt(args[4]) : 1500;
        if (Files.exists(dir)) org.scrollwork.files.AtomicFiles.deleteTree(dir);
        Phantom phantom = PhantomGenerator.generate(PhantomConfig.defaults());
        PhantomLevel fine = phantom.fine();
        long[] s = fine.shape();
        long x0 = (s[0] - cx) / 2, y0 = (s[1] - cy) / 2, z0 = (s[2] - cz) / 2;
        Volume<?> scan = crop(fine.scans().get(0), x0, y0, z0, cx, cy, cz);
        Volume<?> ink = crop(fine.ink(), x0, y0, z0, cx, cy, cz);
        double[] grey = values(scan), truthInk = values(ink);
        long inkVoxels = java.util.Arrays.stream(truthInk).filter(v -> v > 0).count();
        System.out.printf(Locale.ROOT, "phantom %s, crop %d×%d×%d of the 4 µm scan: %d ink voxels (%.2f %%)%n",
                phantom.groundTruth().scrollId(), cx, cy, cz, inkVoxels, 100.0 * inkVoxels / truthInk.length);

        try (Corpus corpus = Corpus.create(dir.resolve("corpus"), CorpusOptions.defaults())) {
            CorpusRecord scanRec = corpus.appendVolume(scan, RecordMeta.of("ct", scan.meta()), OptionalInt.empty());
            CorpusRecord inkRec = corpus.appendVolume(ink, RecordMeta.of("inklabels", ink.meta()), OptionalInt.of(scanRec.id()));
            corpus.mask(inkRec.id(), new Box(cx / 2, 0, 0, cx, cy, cz), Role.HELD_OUT);
            System.out.printf(Locale.ROOT, "corpus: scan block %d, ink block %d (2^%d bytes each), %d trainable bytes%n",
                    scanRec.offset() >> scanRec.blockBits(), inkRec.offset() >> inkRec.blockBits(), scanRec.blockBits(), corpus.count(Role.TRAIN));
            boolean geometry = args.length > 5 && args[5].equals("geometry");
            AunnConfig config = geometry
                    ? TrainingDefaults.model(TrainingDefaults.BATCH, steps, 1)
                    : AunnConfig.defaults().withShape(256, 4).withBatchSize(1024).withOptim(2e-3, 100, steps, 0).withSeed(1);
            if (geometry && args.length > 6) config = config.withEncoding(org.scrollwork.aunn.model.EncodingSpec.geometry(
                    org.scrollwork.aunn.model.GeometrySpec.defaults().withLevels(org.scrollwork.aunn.model.GeometrySpec.parseLevels(args[6]))));
            long t0 = System.nanoTime();
            TrainingRun.Metrics m = TrainingRun.run(corpus, config, dir.resolve("train"),
                    new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, Math.max(1, steps / 10), steps, 8192), x ->
                            System.out.printf(Locale.ROOT, "  step %d: train %.3f, held-out %.3f bits/byte%n", x.step(), x.trainBits(), x.heldOutBits()));
            double seconds = (System.nanoTime() - t0) / 1e9;

            int half = cx / 2;
            int n = (cx - half) * cy * cz;
            boolean[] truth = new boolean[n], aunn = new boolean[n];
            long[] idx = new long[n];
            int k = 0;
            for (int z = 0; z < cz; z++) for (int y = 0; y < cy; y++) for (int x = half; x < cx; x++) {
                idx[k] = inkRec.indexOf(x, y, z, 0);
                truth[k++] = truthInk[(z * cy + y) * cx + x] > 0;
            }
            boolean[] aunnTuned = new boolean[n];
            double bestPt = 0.5;
            try (TrainedModel tm = TrainedModel.load(dir.resolve("train"))) {
                double[][] p = Predictor.distributions(tm.model(), idx, 8192);
                for (int i = 0; i < n; i++) aunn[i] = p[i][1] > p[i][0];
                // the same model with its P(ink) threshold chosen for the best F0.5 on the known half (its training labels)
                int nk = half * cy * cz;
                long[] kidx = new long[nk];
                boolean[] ktruth = new boolean[nk];
                int j = 0;
                for (int z = 0; z < cz; z++) for (int y = 0; y < cy; y++) for (int x = 0; x < half; x++) {
                    kidx[j] = inkRec.indexOf(x, y, z, 0);
                    ktruth[j++] = truthInk[(z * cy + y) * cx + x] > 0;
                }
                double[][] pk = Predictor.distributions(tm.model(), kidx, 8192);
                double bestFk = -1;
                for (int t = 1; t < 20; t++) {
                    double th = t / 20.0;
                    boolean[] pr = new boolean[nk];
                    for (int i = 0; i < nk; i++) pr[i] = pk[i][1] / (pk[i][0] + pk[i][1]) > th;
                    double f = InkScores.of(ktruth, pr).f05();
                    if (f > bestFk) { bestFk = f; bestPt = th; }
                }
                for (int i = 0; i < n; i++) aunnTuned[i] = p[i][1] / (p[i][0] + p[i][1]) > bestPt;
            }
            // baseline: the grey threshold with the best F0.5 on the known half, applied to the held-out half
            double bestT = 0, bestF = -1;
            for (int t = 0; t < 256; t++) {
                long tp = 0, fp = 0, fn = 0;
                for (int z = 0; z < cz; z++) for (int y = 0; y < cy; y++) for (int x = 0; x < half; x++) {
                    int i = (z * cy + y) * cx + x;
                    boolean pr = grey[i] >= t, tr = truthInk[i] > 0;
                    if (pr && tr) tp++; else if (pr) fp++; else if (tr) fn++;
                }
                double f = new InkScores(tp, fp, fn, 0).f05();
                if (f > bestF) { bestF = f; bestT = t; }
            }
            boolean[] thr = new boolean[n];
            k = 0;
            for (int z = 0; z < cz; z++) for (int y = 0; y < cy; y++) for (int x = half; x < cx; x++) thr[k++] = grey[(z * cy + y) * cx + x] >= bestT;

            InkScores a = InkScores.of(truth, aunn), b = InkScores.of(truth, thr);
            System.out.println();
            System.out.printf(Locale.ROOT, "AUNN: %d steps in %.0f s, train %.3f bits/byte, held-out ink labels %.3f bits/byte%n", m.step(), seconds,
                    m.trainBits(), m.heldOutBits());
            System.out.println("| ink labels of the held-out half | precision | recall | F0.5 | Dice |");
            System.out.println("|---|---:|---:|---:|---:|");
            row("AUNN (scan + other half of labels), P(ink) > P(no ink)", a);
            row(String.format(Locale.ROOT, "AUNN, P(ink) > %.2f (best F0.5 on the known half)", bestPt), InkScores.of(truth, aunnTuned));
            row(String.format(Locale.ROOT, "grey threshold ≥ %.0f (best F0.5 on the known half)", bestT), b);
            row("no ink anywhere", InkScores.of(truth, new boolean[n]));
        }
    }

    private static void row(String name, InkScores s) {
        System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |%n", name, s.precision(), s.recall(), s.f05(), s.dice());
    }

    private static Volume<?> crop(Volume<?> v, long x0, long y0, long z0, long cx, long cy, long cz) {
        return Volumes.copyToMemory(new Volume(Views.zeroMin(Views.interval(v.image(), new long[] {x0, y0, z0},
                new long[] {x0 + cx - 1, y0 + cy - 1, z0 + cz - 1})), v.meta()));
    }

    private static double[] values(Volume<?> v) {
        byte[] a = PhantomLevel.voxels(v);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] & 0xff;
        return out;
    }
}
