package org.scrollwork.experiments.reconstruction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import net.imglib2.view.Views;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.EncodingSpec;
import org.scrollwork.aunn.model.GeometrySpec;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.pipeline.Progress;
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
 * bin/scrollwork experiment ink-half --set crop=64,64,32 --set steps=400 --set embedding=geometry [--set grid=GRID]
 * </pre>
 * Settings ({@link InkPredictionConfig}): crop size x, y, z of the fine 4 µm scan (centre), training steps, index
 * embedding ({@code bits}: the seed's ±1 bits on a 256×4 MLP, batch 1024, lr 2e-3; {@code geometry}: the geometry
 * embedding with the defaults of {@code scrollwork run}, where the scan and its labels share the grids and differ in
 * their channel), optionally other grid levels as {@code run --grid} takes them.
 */
public final class InkPredictionExperiment implements Experiment {

    @Override public String name() { return "ink-half"; }

    @Override public String summary() {
        return "ink labels of a held-out half of a phantom crop predicted by the AUNN from the scan and the other half, vs a grey threshold: F0.5 and Dice";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) throws IOException {
        InkPredictionConfig config = InkPredictionConfig.from(settings);
        int cx = config.cropX(), cy = config.cropY(), cz = config.cropZ(), steps = config.steps();
        Phantom phantom = PhantomGenerator.generate(PhantomConfig.defaults());
        PhantomLevel fine = phantom.fine();
        long[] s = fine.shape();
        long x0 = (s[0] - cx) / 2, y0 = (s[1] - cy) / 2, z0 = (s[2] - cz) / 2;
        Volume<?> scan = crop(fine.scans().get(0), x0, y0, z0, cx, cy, cz);
        Volume<?> ink = crop(fine.ink(), x0, y0, z0, cx, cy, cz);
        double[] grey = values(scan), truthInk = values(ink);
        long inkVoxels = java.util.Arrays.stream(truthInk).filter(v -> v > 0).count();
        progress.log(String.format(Locale.ROOT, "phantom %s, crop %d×%d×%d of the 4 µm scan: %d ink voxels (%.2f %%)",
                phantom.groundTruth().scrollId(), cx, cy, cz, inkVoxels, 100.0 * inkVoxels / truthInk.length));

        AtomicFiles.deleteTree(workDir.resolve("corpus"));
        AtomicFiles.deleteTree(workDir.resolve("train"));
        try (Corpus corpus = Corpus.create(workDir.resolve("corpus"), CorpusOptions.defaults())) {
            CorpusRecord scanRec = corpus.appendVolume(scan, RecordMeta.of("ct", scan.meta()), OptionalInt.empty());
            CorpusRecord inkRec = corpus.appendVolume(ink, RecordMeta.of("inklabels", ink.meta()), OptionalInt.of(scanRec.id()));
            corpus.mask(inkRec.id(), new Box(cx / 2, 0, 0, cx, cy, cz), Role.HELD_OUT);
            progress.log(String.format(Locale.ROOT, "corpus: scan block %d, ink block %d (2^%d bytes each), %d trainable bytes",
                    scanRec.offset() >> scanRec.blockBits(), inkRec.offset() >> inkRec.blockBits(), scanRec.blockBits(), corpus.count(Role.TRAIN)));
            boolean geometry = config.embedding() == IndexEmbedding.GEOMETRY;
            AunnConfig model = geometry
                    ? TrainingDefaults.model(TrainingDefaults.BATCH, steps, 1)
                    : AunnConfig.defaults().withShape(256, 4).withBatchSize(1024).withOptim(2e-3, 100, steps, 0).withSeed(1);
            if (config.grid().isPresent()) model = model.withEncoding(EncodingSpec.geometry(GeometrySpec.defaults().withLevels(config.grid().get())));
            long t0 = System.nanoTime();
            TrainingRun.Metrics m = TrainingRun.run(corpus, model, workDir.resolve("train"),
                    new TrainingRun.Options(TrainingDefaults.SCHEDULE, Math.max(1, steps / 10), steps, 8192), x ->
                            progress.log(String.format(Locale.ROOT, "  step %d: train %.3f, held-out %.3f bits/byte", x.step(), x.trainBits(), x.heldOutBits())));
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
            try (TrainedModel tm = TrainedModel.load(workDir.resolve("train"))) {
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

            String training = String.format(Locale.ROOT, "AUNN: %d steps in %.0f s, train %.3f bits/byte, held-out ink labels %.3f bits/byte", m.step(), seconds,
                    m.trainBits(), m.heldOutBits());
            progress.log(training);
            InkScores tuned = InkScores.of(truth, aunnTuned), grey0 = InkScores.of(truth, thr);
            ResultTable table = new ResultTable(String.format(Locale.ROOT, "Ink labels of the held-out half x ≥ %d of a %d×%d×%d crop (%s)", half, cx, cy, cz, training),
                    List.of("ink labels of the held-out half", "precision", "recall", "F0.5", "Dice"));
            row(table, "AUNN (scan + other half of labels), P(ink) > P(no ink)", InkScores.of(truth, aunn));
            row(table, String.format(Locale.ROOT, "AUNN, P(ink) > %.2f (best F0.5 on the known half)", bestPt), tuned);
            row(table, String.format(Locale.ROOT, "grey threshold ≥ %.0f (best F0.5 on the known half)", bestT), grey0);
            row(table, "no ink anywhere", InkScores.of(truth, new boolean[n]));
            String headline = String.format(Locale.ROOT, "On the held-out half the AUNN with P(ink) > %.2f reaches F0.5 %.3f (Dice %.3f); "
                    + "the grey threshold ≥ %.0f, chosen the same way, %.3f (Dice %.3f).", bestPt, tuned.f05(), tuned.dice(), bestT, grey0.f05(), grey0.dice());
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("aunnF05", tuned.f05());
            numbers.put("greyThresholdF05", grey0.f05());
            numbers.put("heldOutBitsPerByte", m.heldOutBits());
            return new ExperimentResult(headline, List.of(table), Map.of(), numbers);
        }
    }

    private static void row(ResultTable table, String name, InkScores s) {
        table.row(name, s.precision(), s.recall(), s.f05(), s.dice());
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
