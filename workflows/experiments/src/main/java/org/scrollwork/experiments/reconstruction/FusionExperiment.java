package org.scrollwork.experiments.reconstruction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.io.Volume;
import org.scrollwork.phantom.Phantom;
import org.scrollwork.phantom.PhantomConfig;
import org.scrollwork.phantom.PhantomGenerator;
import org.scrollwork.phantom.PhantomLevel;
import org.scrollwork.pipeline.SliceReconstruction;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.eval.HeldOutSliceEvaluation;
import org.scrollwork.pipeline.eval.RecordVoxels;
import org.scrollwork.pipeline.eval.SliceInterpolation;
import org.scrollwork.pipeline.run.Region;
import org.scrollwork.pipeline.run.RunConfig;

/**
 * Cross-record fusion: the demo's held-out slices of the 54 keV scan, with the 70 keV scan of the same region in the
 * list too (appended aligned, so it shares the frame and the grids and differs in its channel; the same slices held
 * out and used for validation in both). Scored on the 54 keV test slices against the scan and the noise-free scan,
 * next to the AUNN on the 54 keV scan alone and to interpolation of the 54 keV scan alone and of both scans fused
 * (the 70 keV scan mapped onto the 54 keV grey levels by least squares on the trained slices, then averaged).
 *
 * <pre>bin/scrollwork experiment energy-fusion [--set steps=STEPS]</pre>
 * The model and schedule are the defaults of {@code scrollwork run} ({@link RunConfig}); settings: {@link FusionConfig}.
 */
public final class FusionExperiment implements Experiment {

    @Override public String name() { return "energy-fusion"; }

    @Override public String summary() {
        return "the demo's held-out 54 keV slices with the 70 keV scan in the list too: AUNN vs the 54 keV scan alone and vs interpolation of both fused";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) throws IOException {
        int steps = FusionConfig.from(settings).steps();
        Phantom phantom = PhantomGenerator.generate(PhantomConfig.defaults());
        PhantomLevel fine = phantom.fine();
        Region region = Region.centred(fine.shape(), 64, "phantom");
        Volume<?> s54 = region.of(fine.scans().get(0)), s70 = region.of(fine.scans().get(1));
        double[] clean = RecordVoxels.read(region.of(fine.cleanScans().get(0)));
        progress.log(String.format(Locale.ROOT, "phantom %s, region %s of the 4 µm scans at 54 and 70 keV", phantom.groundTruth().scrollId(), region));
        ResultTable table = new ResultTable(String.format(Locale.ROOT, "54 keV held-out test slices of phantom %s, region %s", phantom.groundTruth().scrollId(), region),
                List.of("54 keV held-out test slices", "PSNR dB", "SSIM", "PSNR dB vs noise-free", "SSIM vs noise-free"), List.of(0, 2, 3, 2, 3));
        double aloneDb = Double.NaN, fusedDb = Double.NaN, fusedTrilinearDb = Double.NaN, ceilingDb = Double.NaN;
        for (boolean fused : new boolean[] {false, true}) {
            Path work = workDir.resolve(fused ? "fused" : "single");
            AtomicFiles.deleteTree(work);
            try (Corpus corpus = Corpus.create(work.resolve("corpus"), CorpusOptions.defaults())) {
                CorpusRecord r54 = corpus.appendVolume(s54, RecordMeta.of("ct", s54.meta()), OptionalInt.empty());
                SliceReconstruction.Split split = SliceReconstruction.holdOutOddSlicesWithValidation(corpus, r54.id());
                CorpusRecord r70 = null;
                if (fused) {
                    r70 = corpus.appendVolume(s70, RecordMeta.of("ct", s70.meta()), OptionalInt.of(r54.id()));
                    SliceReconstruction.holdOutOddSlicesWithValidation(corpus, r70.id());
                }
                AunnConfig config = TrainingDefaults.model(TrainingDefaults.BATCH, steps, 1);
                progress.log(fused ? "training on both energies" : "training on the 54 keV scan alone");
                long t0 = System.nanoTime();
                TrainingRun.run(corpus, config, work.resolve("train"), new TrainingRun.Options(TrainingDefaults.SCHEDULE, Math.max(1, steps / 20),
                        steps, 8192, TrainingDefaults.PATIENCE).withStopping(TrainingRun.Stopping.EXPECTED_BYTE_ERROR), m -> { });
                double seconds = (System.nanoTime() - t0) / 1e9;
                try (TrainedModel tm = TrainedModel.load(work.resolve("train"))) {
                    HeldOutSliceEvaluation.Result r = HeldOutSliceEvaluation.evaluate(tm.model(), corpus, r54.id(), split.heldOut(), clean);
                    String name = fused ? "AUNN, both energies in the list" : "AUNN, the 54 keV scan alone (the demo)";
                    row(table, String.format(Locale.ROOT, "%s (%.0f s)", name, seconds), r.score("AUNN"), r.cleanScores().get(0));
                    if (fused) fusedDb = r.score("AUNN").psnrDb();
                    else aloneDb = r.score("AUNN").psnrDb();
                    if (fused) {
                        row(table, "trilinear, 54 keV alone", r.score("trilinear"), r.cleanScores().get(1));
                        double[] fusedInterp = fusedTrilinear(RecordVoxels.read(corpus, r54), RecordVoxels.read(corpus, r70), r.nx(), r.ny(), r.nz(),
                                split.heldOut(), split.validation());
                        double[] truth = r.truth();
                        HeldOutSliceEvaluation.Score fusedScore = HeldOutSliceEvaluation.score("fused", truth, fusedInterp, split.heldOut(), r.nx(), r.ny(), 255);
                        row(table, "trilinear of both energies fused", fusedScore,
                                HeldOutSliceEvaluation.score("fused", clean, fusedInterp, split.heldOut(), r.nx(), r.ny(), 255));
                        fusedTrilinearDb = fusedScore.psnrDb();
                        ceilingDb = r.noiseCeilingDb();
                    }
                }
            }
        }
        String headline = String.format(Locale.ROOT, "On the 54 keV held-out test slices the AUNN scores %.2f dB with the 54 keV scan alone and %.2f dB with both "
                        + "energies in the list; trilinear interpolation of both energies fused %.2f dB (noise ceiling %.2f dB).",
                aloneDb, fusedDb, fusedTrilinearDb, ceilingDb);
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("aunnAlonePsnrDb", aloneDb);
        numbers.put("aunnFusedPsnrDb", fusedDb);
        numbers.put("trilinearFusedPsnrDb", fusedTrilinearDb);
        numbers.put("noiseCeilingDb", ceilingDb);
        return new ExperimentResult(headline, List.of(table), Map.of(), numbers);
    }

    /** The 70 keV scan mapped onto 54 keV grey levels (least squares on trained slices), averaged with it, interpolated in z. */
    static double[] fusedTrilinear(double[] a, double[] b, int nx, int ny, int nz, List<Integer> held, List<Integer> validation) {
        boolean[] known = new boolean[nz];
        java.util.Arrays.fill(known, true);
        for (int z : held) known[z] = false;
        for (int z : validation) known[z] = false;
        double sb = 0, sa = 0, sbb = 0, sab = 0;
        long n = 0;
        int plane = nx * ny;
        for (int z = 0; z < nz; z++) {
            if (!known[z]) continue;
            for (int i = z * plane; i < (z + 1) * plane; i++) { sb += b[i]; sa += a[i]; sbb += b[i] * b[i]; sab += a[i] * b[i]; n++; }
        }
        double slope = (sab - sa * sb / n) / (sbb - sb * sb / n), icpt = (sa - slope * sb) / n;
        double[] f = new double[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (a[i] + slope * b[i] + icpt) / 2;
        return SliceInterpolation.trilinear(f, nx, ny, nz, known);
    }

    private static void row(ResultTable table, String name, HeldOutSliceEvaluation.Score noisy, HeldOutSliceEvaluation.Score clean) {
        table.row(name, noisy.psnrDb(), noisy.ssim(), clean.psnrDb(), clean.ssim());
    }
}
