package org.scrollwork.pipeline.eval;

import java.util.List;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.Mask;
import org.scrollwork.pipeline.render.Renderer;

/**
 * Scores reconstructions of scattered held-out voxels or a held-out box of a uint8 or uint16 volume record: the AUNN's
 * expected voxel values on the HELD_OUT voxels (the test; VALIDATION voxels chose when training stopped and are not scored)
 * against a baseline that fills every untrained voxel from the TRAIN voxels alone ({@link Baseline}). Scores as the
 * held-out planes report them (PSNR with the data type's peak, with the region's data range, and over the material voxels
 * above the {@link OtsuThreshold} of the known voxels), plus the mean absolute error; SSIM is not reported, as its window
 * needs whole planes of test voxels and scattered voxels are not one.
 */
public final class HeldOutVoxelEvaluation {
    private HeldOutVoxelEvaluation() {}

    /** How the baseline fills the untrained voxels. */
    public enum Baseline {
        /** {@link KnownVoxelInterpolation#normalizedConvolution}: for scattered voxels. */
        NORMALIZED_CONVOLUTION("normalized convolution"),
        /** {@link KnownVoxelInterpolation#acrossLines}: for a box. */
        LINES("linear across x, y, z");

        private final String label;

        Baseline(String label) { this.label = label; }

        /** The method's name in the score tables. */
        public String label() { return label; }

        double[] fill(double[] v, boolean[] known, int nx, int ny, int nz) {
            return this == NORMALIZED_CONVOLUTION ? KnownVoxelInterpolation.normalizedConvolution(v, known, nx, ny, nz)
                    : KnownVoxelInterpolation.acrossLines(v, known, nx, ny, nz);
        }
    }

    /**
     * One method's scores over the test voxels: PSNR with the data type's peak, with the region's range, over the material
     * voxels with the region's range (NaN when there are none), and the mean absolute error in grey levels.
     */
    public record Score(String method, double psnrDb, double psnrRegionRangeDb, double psnrMaterialDb, double mae) {}

    /**
     * The scores and the volumes behind them (x fastest, the record's shape): the truth, the AUNN's full render, the AUNN's
     * and the baseline's reconstructions (known voxels kept), and each voxel's role.
     */
    public record Result(List<Score> scores, List<Score> cleanScores, double noiseCeilingDb, long heldOutVoxels, long validationVoxels,
                         int nx, int ny, int nz, double[] truth, double[] aunnRender, double[] aunn, double[] baseline, Role[] roles,
                         double regionRange, double materialThreshold, long materialVoxels, int psnrPeak) {}

    /** Each voxel's role in a volume record, from the corpus masks (x fastest). */
    public static Role[] roles(Corpus corpus, CorpusRecord r) {
        int nx = (int) r.shape().x(), ny = (int) r.shape().y(), nz = (int) r.shape().z();
        Role[] out = new Role[nx * ny * nz];
        java.util.Arrays.fill(out, Role.TRAIN);
        for (Mask m : corpus.masks()) {
            if (m.recordId() != r.id()) continue;
            Box b = m.box();
            for (long z = b.z0(); z < b.z1(); z++) {
                for (long y = b.y0(); y < b.y1(); y++) {
                    for (long x = b.x0(); x < b.x1(); x++) out[(int) ((z * ny + y) * nx + x)] = m.role();
                }
            }
        }
        return out;
    }

    /** Renders the record with the model and scores it and the baseline on the HELD_OUT voxels; {@code clean} (or null) as in the planes' evaluation. */
    public static Result evaluate(AunnModel model, Corpus corpus, int recordId, Baseline baseline, double[] clean) {
        CorpusRecord r = corpus.record(recordId);
        int nx = (int) r.shape().x(), ny = (int) r.shape().y(), nz = (int) r.shape().z();
        double[] truth = RecordVoxels.read(corpus, r);
        Role[] roles = roles(corpus, r);
        boolean[] known = new boolean[truth.length], test = new boolean[truth.length];
        long nTest = 0, nVal = 0, nKnown = 0;
        for (int i = 0; i < truth.length; i++) {
            known[i] = roles[i] == Role.TRAIN;
            test[i] = roles[i] == Role.HELD_OUT;
            if (test[i]) nTest++;
            if (roles[i] == Role.VALIDATION) nVal++;
            if (known[i]) nKnown++;
        }
        if (nTest == 0) throw new IllegalArgumentException("record " + recordId + " has no held-out voxels to score");
        double[] render = Renderer.render(model, r, new Box(0, 0, 0, nx, ny, nz));
        double[] aunn = truth.clone();
        for (int i = 0; i < truth.length; i++) if (!known[i]) aunn[i] = render[i];
        double[] masked = truth.clone(); // no untrained voxel's value reaches the baseline
        for (int i = 0; i < truth.length; i++) if (!known[i]) masked[i] = 0;
        double[] base = baseline.fill(masked, known, nx, ny, nz);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : truth) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double regionRange = Math.max(1, hi - lo);
        double[] knownValues = new double[(int) nKnown];
        for (int i = 0, k = 0; i < truth.length; i++) if (known[i]) knownValues[k++] = truth[i];
        double threshold = OtsuThreshold.of(knownValues);
        long material = 0;
        for (int i = 0; i < truth.length; i++) if (test[i] && truth[i] > threshold) material++;
        int peak = HeldOutSliceEvaluation.dataRange(r);
        List<Score> scores = List.of(score("AUNN", truth, aunn, test, peak, regionRange, threshold),
                score(baseline.label(), truth, base, test, peak, regionRange, threshold));
        List<Score> cleanScores = List.of();
        double ceiling = Double.NaN;
        if (clean != null) {
            if (clean.length != truth.length) throw new IllegalArgumentException("the noise-free volume has " + clean.length + " voxels, record " + recordId + " " + truth.length);
            cleanScores = List.of(score("AUNN", clean, aunn, test, peak, regionRange, threshold), score(baseline.label(), clean, base, test, peak, regionRange, threshold));
            ceiling = score("noise-free", truth, clean, test, peak, regionRange, threshold).psnrDb();
        }
        return new Result(scores, cleanScores, ceiling, nTest, nVal, nx, ny, nz, truth, render, aunn, base, roles, regionRange, threshold, material, peak);
    }

    /** One method's scores over the voxels where {@code test} is set. */
    public static Score score(String method, double[] truth, double[] rec, boolean[] test, double peak, double range, double threshold) {
        double se = 0, seMaterial = 0, ae = 0;
        long n = 0, nMaterial = 0;
        for (int i = 0; i < truth.length; i++) {
            if (!test[i]) continue;
            double d = truth[i] - rec[i];
            se += d * d;
            ae += Math.abs(d);
            n++;
            if (truth[i] > threshold) {
                seMaterial += d * d;
                nMaterial++;
            }
        }
        return new Score(method, ImageQuality.psnr(se / n, peak), ImageQuality.psnr(se / n, range),
                nMaterial == 0 ? Double.NaN : ImageQuality.psnr(seMaterial / nMaterial, range), ae / n);
    }
}
