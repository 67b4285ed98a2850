package org.scrollwork.experiments.mechanisms;

import org.scrollwork.experiments.aunn.consolidate.Consolidated;
import org.scrollwork.experiments.aunn.consolidate.PiecewiseLinearMap;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.eval.Sampler;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.PhantomRegions;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.pipeline.eval.ImageQuality;
import org.scrollwork.pipeline.report.Plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Consolidation for fast rendering: an AUNN is trained on a phantom crop; its residual stream entering block
 * {@code from} and leaving block {@code to - 1} is recorded at every voxel of the crop, and those blocks are replaced
 * by a piecewise-linear map ({@link PiecewiseLinearMap}: k-means pieces, one least-squares affine map per piece,
 * Moore–Penrose). For each number of pieces: PSNR of the rendered crop (expected voxel values) against the truth and
 * against the full model's render, and the rendering speed-up over the full model (timed side by side, alternating,
 * best round kept).
 */
public final class ConsolidationExperiment implements Experiment {
    @Override public String name() {
        return "consolidation";
    }

    @Override public String summary() {
        return "piecewise-linear stand-in (k-means + least squares) for a trained AUNN's blocks: rendering speed-up vs PSNR lost";
    }

    @Override public ExperimentResult run(ExperimentConfig config, Path workDir, Progress progress) throws IOException {
        int crop = config.intValue("crop", 32);
        int width = config.intValue("width", 64);
        int depth = config.intValue("depth", 4);
        int batch = config.intValue("batch", 256);
        int steps = config.intValue("steps", 300);
        double lr = config.doubleValue("lr", 2e-3);
        int from = config.intValue("from", 0);
        int to = config.intValue("to", depth);
        List<Double> pieces = config.doubleList("pieces", List.of(1.0, 4.0, 16.0, 64.0));
        int kmeansIterations = config.intValue("kmeansIterations", 15);
        int rounds = config.intValue("timingRounds", 3);
        long seed = config.longValue("seed", 1);

        progress.log("phantom crop and corpus");
        try (Corpus corpus = Corpus.create(WorkDirs.fresh(workDir.resolve("corpus")), new CorpusOptions(24))) {
            CorpusRecord rec = corpus.appendVolume(PhantomRegions.central(1, null, crop));
            if (rec.voxelBytes() != 1) throw new IllegalStateException("expected an 8-bit phantom scan");
            int nv = Math.toIntExact(rec.shape().voxels());
            long[] idx = new long[nv];
            double[] truth = new double[nv];
            int nx = (int) rec.shape().x(), ny = (int) rec.shape().y();
            for (int v = 0; v < nv; v++) {
                idx[v] = rec.indexOf(v % nx, v / nx % ny, v / (nx * ny), 0);
                truth[v] = corpus.byteAt(idx[v]);
            }
            double range = 255;
            AunnConfig c = AunnConfig.defaults().withIndexBits(corpus.indexBits()).withShape(width, depth).withBatchSize(batch)
                    .withOptim(lr, Math.min(50, steps / 10), steps, 0.0).withSeed(seed);
            ResultTable table = new ResultTable(String.format(Locale.ROOT,
                    "Consolidation of blocks %d..%d of an AUNN %d×%d trained %d steps on a %d×%d×%d phantom crop (%d voxels rendered)",
                    from, to - 1, width, depth, steps, crop, crop, Math.max(1, crop / 2), nv),
                    List.of("renderer", "pieces", "fit s", "PSNR vs truth (dB)", "PSNR vs full model (dB)", "voxels/s", "speed-up"));
            Map<String, Object> numbers = new LinkedHashMap<>();
            double[] xs = new double[pieces.size()], psnrs = new double[pieces.size()], speedups = new double[pieces.size()];
            try (AunnModel model = new AunnModel(c)) {
                ArmRun.train(model, corpus, steps, Math.max(1, steps / 5), java.util.Arrays.copyOf(idx, Math.min(idx.length, 2048)), progress,
                        "training the AUNN");
                double[] full = expected(Predictor.logits(model, idx, 8192));
                double fullPsnr = ImageQuality.psnr(ImageQuality.mse(full, truth), range);
                progress.log("recording activations");
                double[][][] act = Consolidated.record(model, idx, from, to, 8192);
                List<Consolidated> standIns = new ArrayList<>();
                List<Double> fitSeconds = new ArrayList<>();
                try {
                    for (int i = 0; i < pieces.size(); i++) {
                        progress.log("fitting " + pieces.get(i).intValue() + " pieces");
                        long t0 = System.nanoTime();
                        PiecewiseLinearMap map = PiecewiseLinearMap.fit(act[0], act[1], pieces.get(i).intValue(), kmeansIterations, seed);
                        fitSeconds.add((System.nanoTime() - t0) / 1e9);
                        standIns.add(new Consolidated(model, from, to, map));
                    }
                    progress.log("rendering side by side");
                    double fullBest = 0;
                    double[] best = new double[standIns.size()];
                    double[][] renders = new double[standIns.size()][];
                    try (Progress.Task task = progress.start("rendering side by side", rounds + 1)) {
                        for (int r = 0; r <= rounds; r++) {
                            long t0 = System.nanoTime();
                            Predictor.logits(model, idx, 8192);
                            double fs = (System.nanoTime() - t0) / 1e9;
                            if (r > 0) fullBest = Math.max(fullBest, nv / fs);
                            for (int i = 0; i < standIns.size(); i++) {
                                long t1 = System.nanoTime();
                                float[] l = standIns.get(i).logits(idx, 8192);
                                double s = (System.nanoTime() - t1) / 1e9;
                                if (r > 0) best[i] = Math.max(best[i], nv / s);
                                if (r == 0) renders[i] = expected(l);
                            }
                            task.advance(r + 1, rounds + 1);
                        }
                    }
                    table.row("full AUNN", "-", 0.0, fullPsnr, "-", fullBest, 1.0);
                    numbers.put("fullPsnr", fullPsnr);
                    for (int i = 0; i < standIns.size(); i++) {
                        double pt = ImageQuality.psnr(ImageQuality.mse(renders[i], truth), range);
                        double pf = ImageQuality.psnr(ImageQuality.mse(renders[i], full), range);
                        int k = pieces.get(i).intValue();
                        table.row("piecewise-linear stand-in", k, fitSeconds.get(i), pt, pf, best[i], best[i] / fullBest);
                        xs[i] = k;
                        psnrs[i] = fullPsnr - pt;
                        speedups[i] = best[i] / fullBest;
                        numbers.put("psnrLost_" + k, fullPsnr - pt);
                        numbers.put("speedup_" + k, best[i] / fullBest);
                    }
                } finally {
                    standIns.forEach(Consolidated::close);
                }
            }
            int fastest = 0, leastLoss = 0;
            for (int i = 1; i < psnrs.length; i++) {
                if (speedups[i] > speedups[fastest]) fastest = i;
                if (psnrs[i] < psnrs[leastLoss]) leastLoss = i;
            }
            String headline = String.format(Locale.ROOT,
                    "Replacing blocks %d..%d by a piecewise-linear map: with %d piece(s) rendering is %.2fx as fast as the full AUNN and loses %.2f dB PSNR "
                            + "against the truth (full model %.2f dB); with %d pieces it loses only %.2f dB but runs at %.2fx%s.",
                    from, to - 1, (int) xs[fastest], speedups[fastest], psnrs[fastest], (double) numbers.get("fullPsnr"),
                    (int) xs[leastLoss], psnrs[leastLoss], speedups[leastLoss],
                    speedups[leastLoss] < 1 ? " (slower: one small matrix product per piece costs more than the blocks it replaces)" : "");
            double[] logx = new double[xs.length];
            for (int i = 0; i < xs.length; i++) logx[i] = Math.log(xs[i]) / Math.log(2);
            return new ExperimentResult(headline, List.of(table), Map.of("consolidation",
                    Plots.linePlot("stand-in: PSNR lost (dB) and speed-up vs pieces", "log2(pieces)", "dB lost / speed-up",
                            List.of(new Plots.Series("PSNR lost vs truth (dB)", logx, psnrs), new Plots.Series("rendering speed-up (x)", logx, speedups)))),
                    numbers);
        }
    }

    /** Expected byte value per row of logits. */
    private static double[] expected(float[] logits) {
        double[] out = new double[logits.length / 256];
        for (int i = 0; i < out.length; i++) out[i] = Predictor.expectedByte(Sampler.softmax(logits, i * 256, 1.0));
        return out;
    }
}
