package org.scrollwork.pipeline.eval;

import java.util.ArrayList;
import java.util.List;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.pipeline.render.Renderer;

/**
 * Scores reconstructions of held-out z slices of a uint8 or uint16 volume record: the AUNN's expected
 * voxel values against trilinear and tricubic interpolation from the known slices and against non-local means of the known
 * slices followed by trilinear interpolation ({@link #NLM}, the strongest simple baseline on noisy scans), by PSNR over all
 * held-out voxels and SSIM averaged over the held-out slices (data range 255 or 65535, the data type's peak);
 * and by PSNR with the region's own data range (its largest minus its smallest voxel) as peak, over all held-out
 * voxels and over the material ones (above the {@link OtsuThreshold} of the known voxels), since background
 * that every method gets right inflates scores over all voxels.
 */
public final class HeldOutSliceEvaluation {
    /** The baseline that denoises the known slices ({@link NonLocalMeans}) and then interpolates them trilinearly. */
    public static final String NLM = "NLM + trilinear";
    /** The cut-offs h / σ the validation slices choose from for {@link #NLM}. */
    public static final List<Double> NLM_H_OVER_SIGMA = List.of(0.4, 0.6, 0.8, 1.0, 1.2);
    /** The cut-off h / σ of {@link #NLM} when there are no validation slices (scikit-image's suggested start for its fast mode). */
    public static final double NLM_DEFAULT_H_OVER_SIGMA = 0.8;

    private HeldOutSliceEvaluation() {}

    /**
     * How the {@link #NLM} baseline was set up: the noise σ ({@link NonLocalMeans#estimateSigma} of the stack of known
     * slices, neither test nor validation ones; 0 when it finds no noise, and then the baseline is plain trilinear), the
     * cut-off h / σ, and, when validation slices chose it, each candidate's PSNR on them against the scan (empty otherwise).
     */
    public record NlmChoice(double sigma, double hOverSigma, List<Integer> knownSlices, List<Double> candidates, List<Double> validationPsnrDb) {
        /** Whether validation slices chose the cut-off. */
        public boolean chosenOnValidation() { return !validationPsnrDb.isEmpty(); }
    }

    /** One method's scores. */
    public record Score(String method, double psnrDb, double ssim) {}

    /**
     * One method's PSNR with the region's data range as peak: over all held-out voxels, and over the held-out material
     * voxels (NaN when there are none).
     */
    public record RangeScore(String method, double psnrDb, double materialPsnrDb) {}

    /**
     * The scores plus the volumes behind them (x fastest, the record's shape): the truth, the AUNN's
     * full render (every voxel predicted), and each method's reconstruction (known slices kept, held-out
     * slices filled in).
     */
    public record Result(List<Score> scores, List<Integer> heldOutSlices, long heldOutVoxels, int nx, int ny, int nz,
                         double[] truth, double[] aunnRender, double[] aunn, double[] trilinear, double[] tricubic,
                         List<Score> cleanScores, double noiseCeilingDb,
                         double regionRange, double materialThreshold, long materialVoxels, List<RangeScore> rangeScores,
                         double[] nlmTrilinear, NlmChoice nlm) {
        /** The score of a method by name. */
        public Score score(String method) {
            return scores.stream().filter(s -> s.method().equals(method)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no method " + method));
        }
    }

    /** Renders the record with the model and scores it and the interpolation baselines on {@code heldOut} slices. */
    public static Result evaluate(AunnModel model, Corpus corpus, int recordId, List<Integer> heldOut) {
        return evaluate(model, corpus, recordId, heldOut, null);
    }

    /**
     * As {@link #evaluate(AunnModel, Corpus, int, List)}, and, when {@code clean} (the noise-free record, x fastest,
     * the record's shape) is given, scored against it too.
     */
    public static Result evaluate(AunnModel model, Corpus corpus, int recordId, List<Integer> heldOut, double[] clean) {
        return evaluate(model, corpus, recordId, heldOut, List.of(), clean);
    }

    /**
     * As {@link #evaluate(AunnModel, Corpus, int, List, double[])}, with the {@code validation} slices (never scored; empty:
     * none) choosing the cut-off of the {@link #NLM} baseline, which neither denoises nor interpolates from them.
     */
    public static Result evaluate(AunnModel model, Corpus corpus, int recordId, List<Integer> heldOut, List<Integer> validation, double[] clean) {
        CorpusRecord r = corpus.record(recordId);
        int nx = (int) r.shape().x(), ny = (int) r.shape().y(), nz = (int) r.shape().z();
        if (heldOut.isEmpty()) throw new IllegalArgumentException("no held-out slices to score");
        double[] truth = RecordVoxels.read(corpus, r);
        double[] render = Renderer.render(model, r, new Box(0, 0, 0, nx, ny, nz));
        boolean[] known = new boolean[nz];
        java.util.Arrays.fill(known, true);
        for (int z : heldOut) {
            if (z < 0 || z >= nz) throw new IllegalArgumentException("slice " + z + " outside record " + recordId + " (0.." + (nz - 1) + ")");
            known[z] = false;
        }
        int plane = nx * ny;
        double[] aunn = truth.clone();
        for (int z : heldOut) System.arraycopy(render, z * plane, aunn, z * plane, plane);
        double[] masked = aunn.clone(); // no held-out truth reaches the interpolators
        double[] tri = SliceInterpolation.trilinear(masked, nx, ny, nz, known);
        double[] cub = SliceInterpolation.tricubic(masked, nx, ny, nz, known);
        double range = dataRange(r);
        for (int z : validation) {
            if (z < 0 || z >= nz) throw new IllegalArgumentException("validation slice " + z + " outside record " + recordId + " (0.." + (nz - 1) + ")");
            if (heldOut.contains(z)) throw new IllegalArgumentException("slice " + z + " is both a test and a validation slice");
        }
        NlmBaseline nlmBaseline = nlmTrilinear(truth, nx, ny, nz, heldOut, validation, range);
        NlmChoice nlm = nlmBaseline.choice();
        double[] nlmTri = nlmBaseline.volume();
        List<Score> scores = scores(truth, aunn, tri, cub, nlmTri, heldOut, nx, ny, range);
        List<Score> cleanScores = List.of();
        double ceiling = Double.NaN;
        if (clean != null) {
            if (clean.length != truth.length) throw new IllegalArgumentException("the noise-free volume has " + clean.length + " voxels, record " + recordId + " " + truth.length);
            cleanScores = scores(clean, aunn, tri, cub, nlmTri, heldOut, nx, ny, range);
            ceiling = score("noise-free", truth, clean, heldOut, nx, ny, range).psnrDb();
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : truth) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double regionRange = Math.max(1, hi - lo);
        double threshold = OtsuThreshold.of(knownVoxels(truth, known, plane));
        long materialVoxels = 0;
        for (int z : heldOut) {
            for (int i = z * plane; i < (z + 1) * plane; i++) if (truth[i] > threshold) materialVoxels++;
        }
        List<RangeScore> rangeScores = List.of(rangeScore("AUNN", truth, aunn, heldOut, plane, regionRange, threshold),
                rangeScore("trilinear", truth, tri, heldOut, plane, regionRange, threshold),
                rangeScore("tricubic", truth, cub, heldOut, plane, regionRange, threshold),
                rangeScore(NLM, truth, nlmTri, heldOut, plane, regionRange, threshold));
        return new Result(scores, List.copyOf(heldOut), (long) heldOut.size() * plane, nx, ny, nz, truth, render, aunn, tri, cub, cleanScores, ceiling,
                regionRange, threshold, materialVoxels, rangeScores, nlmTri, nlm);
    }

    /** The {@link #NLM} reconstruction (the truth with the test slices filled in) and how it was set up. */
    record NlmBaseline(double[] volume, NlmChoice choice) {}

    /**
     * Non-local means ({@link NonLocalMeans}: 3×3×3 patches, 11×11×11 window) of the stack of known slices (neither test
     * nor validation), σ estimated on that stack, then trilinear interpolation ({@link SliceInterpolation#trilinear}) of
     * the denoised slices at the test slices. The cut-off h is the candidate of {@link #NLM_H_OVER_SIGMA} × σ whose
     * interpolation scores best (PSNR against the scan) on the validation slices, or {@link #NLM_DEFAULT_H_OVER_SIGMA} × σ
     * without validation slices. No test slice is read.
     */
    static NlmBaseline nlmTrilinear(double[] truth, int nx, int ny, int nz, List<Integer> heldOut, List<Integer> validation, double range) {
        int plane = nx * ny;
        boolean[] known = new boolean[nz];
        java.util.Arrays.fill(known, true);
        for (int z : heldOut) known[z] = false;
        for (int z : validation) known[z] = false;
        if (java.util.stream.IntStream.range(0, nz).noneMatch(z -> known[z])) {
            throw new IllegalArgumentException("no slice is left to denoise and interpolate from besides the test and validation slices");
        }
        int[] kz = java.util.stream.IntStream.range(0, nz).filter(z -> known[z]).toArray();
        double[] stack = new double[kz.length * plane];
        for (int k = 0; k < kz.length; k++) System.arraycopy(truth, kz[k] * plane, stack, k * plane, plane);
        double sigma = nx >= 2 && ny >= 2 && kz.length >= 2 ? NonLocalMeans.estimateSigma(stack, nx, ny, kz.length) : 0;
        double[] hs = NLM_H_OVER_SIGMA.stream().mapToDouble(f -> f * sigma).toArray();
        double[][] denoised = NonLocalMeans.denoise(stack, nx, ny, kz.length, NonLocalMeans.PATCH_RADIUS, NonLocalMeans.SEARCH_RADIUS, hs, sigma);
        double[][] filled = new double[hs.length][];
        List<Double> validationPsnr = new ArrayList<>();
        int best = NLM_H_OVER_SIGMA.indexOf(NLM_DEFAULT_H_OVER_SIGMA);
        for (int c = 0; c < hs.length; c++) {
            double[] v = new double[truth.length]; // the denoised known slices only: no test or validation voxel reaches the interpolation
            for (int k = 0; k < kz.length; k++) System.arraycopy(denoised[c], k * plane, v, kz[k] * plane, plane);
            filled[c] = SliceInterpolation.trilinear(v, nx, ny, nz, known);
            if (!validation.isEmpty()) validationPsnr.add(score(NLM, truth, filled[c], validation, nx, ny, range).psnrDb());
        }
        if (!validation.isEmpty()) {
            best = 0;
            for (int c = 1; c < hs.length; c++) if (validationPsnr.get(c) > validationPsnr.get(best)) best = c;
        }
        double[] out = truth.clone();
        for (int z : heldOut) System.arraycopy(filled[best], z * plane, out, z * plane, plane);
        return new NlmBaseline(out, new NlmChoice(sigma, NLM_H_OVER_SIGMA.get(best), java.util.Arrays.stream(kz).boxed().toList(),
                NLM_H_OVER_SIGMA, List.copyOf(validationPsnr)));
    }

    private static double[] knownVoxels(double[] truth, boolean[] knownSlice, int plane) {
        int n = 0;
        for (boolean k : knownSlice) if (k) n++;
        double[] out = new double[n * plane];
        int at = 0;
        for (int z = 0; z < knownSlice.length; z++) {
            if (!knownSlice[z]) continue;
            System.arraycopy(truth, z * plane, out, at, plane);
            at += plane;
        }
        return out;
    }

    /**
     * PSNR with peak {@code range} on the held-out slices ({@code plane} voxels each) over all voxels, and over the
     * material ones (truth above {@code threshold}; NaN when there are none).
     */
    static RangeScore rangeScore(String method, double[] truth, double[] test, List<Integer> heldOut, int plane, double range, double threshold) {
        double se = 0, seMaterial = 0;
        long n = 0, nMaterial = 0;
        for (int z : heldOut) {
            for (int i = z * plane; i < (z + 1) * plane; i++) {
                double d = truth[i] - test[i];
                se += d * d;
                n++;
                if (truth[i] > threshold) {
                    seMaterial += d * d;
                    nMaterial++;
                }
            }
        }
        return new RangeScore(method, ImageQuality.psnr(se / n, range), nMaterial == 0 ? Double.NaN : ImageQuality.psnr(seMaterial / nMaterial, range));
    }

    /** The data range PSNR and SSIM use for a record: its data type's peak, 255 (uint8) or 65535 (uint16). */
    public static int dataRange(CorpusRecord r) { return r.voxelBytes() == 1 ? 255 : 65535; }

    private static List<Score> scores(double[] truth, double[] aunn, double[] tri, double[] cub, double[] nlm, List<Integer> heldOut, int nx, int ny, double range) {
        return List.of(score("AUNN", truth, aunn, heldOut, nx, ny, range), score("trilinear", truth, tri, heldOut, nx, ny, range),
                score("tricubic", truth, cub, heldOut, nx, ny, range), score(NLM, truth, nlm, heldOut, nx, ny, range));
    }

    /** One method's scores on {@code slices} of two volumes of {@code nx × ny} slices: PSNR over all their voxels, SSIM averaged over slices. */
    public static Score score(String method, double[] truth, double[] test, List<Integer> slices, int nx, int ny, double range) {
        int plane = nx * ny;
        double se = 0, ssim = 0;
        boolean ssimDefined = nx >= 11 && ny >= 11;
        for (int z : slices) {
            double[] a = java.util.Arrays.copyOfRange(truth, z * plane, (z + 1) * plane);
            double[] b = java.util.Arrays.copyOfRange(test, z * plane, (z + 1) * plane);
            se += ImageQuality.mse(a, b) * plane;
            if (ssimDefined) ssim += ImageQuality.ssim(a, b, nx, ny, range);
        }
        return new Score(method, ImageQuality.psnr(se / ((double) slices.size() * plane), range),
                ssimDefined ? ssim / slices.size() : Double.NaN);
    }
}
