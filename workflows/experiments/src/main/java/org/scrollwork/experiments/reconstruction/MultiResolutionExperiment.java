package org.scrollwork.experiments.reconstruction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.run.RunConfig;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.Volumes;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.phantom.Phantom;
import org.scrollwork.phantom.PhantomConfig;
import org.scrollwork.phantom.PhantomGenerator;
import org.scrollwork.phantom.PhantomLevel;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.eval.ImageQuality;
import org.scrollwork.pipeline.eval.Upsampling;
import org.scrollwork.pipeline.render.Renderer;
import org.scrollwork.pipeline.report.Plots;

/**
 * Multi-resolution: the 4 µm scan of a held-out region predicted from the 8 µm scan of the whole phantom plus the
 * 4 µm scan of the other regions.
 *
 * <p>The default phantom (96×96×64 at 4 µm, 48×48×32 at 8 µm, 54 keV) is split into eight octants of 48×48×32 fine
 * voxels; the octant {@code x ≥ 48, y < 48, z < 32} is held out. The corpus holds the 8 µm scan and the whole 4 µm
 * scan with that octant masked HELD_OUT (never trained). Two corpus layouts are compared:
 * <ul>
 *   <li><b>native</b>: the 8 µm scan as its own record (48×48×32, padded 64×64×32: index bits
 *       {@code [block | z5 | y6 | x6]}), the 4 µm scan after it (padded 128×128×64: {@code [block | z6 | y7 | x7]}).
 *       Fine voxel (x, y, z) lies in coarse voxel (x≫1, y≫1, z≫1), so a coarse coordinate bit k sits at index bit k
 *       while the same physical bit of the fine coordinate sits at index bit k+1: the model has to learn a shift
 *       of every coordinate bit to relate the two records.</li>
 *   <li><b>co-registered</b>: the 8 µm scan written onto the 4 µm grid (each coarse voxel repeated 2×2×2, which loses
 *       nothing) and ingested aligned with the 4 µm record ({@code --align-with}): both have the padded shape
 *       128×128×64, and a fine voxel and the coarse voxel over it differ in the block bits only.</li>
 * </ul>
 * An AUNN (256×4, batch 512 by default) trains on each corpus; its expected voxel values over the held-out octant are scored by
 * PSNR and SSIM (per z slice, averaged) against the true 4 µm voxels, as are nearest, trilinear and Commons Math
 * tricubic upsampling of the 8 µm scan ({@link Upsampling}). Plots {@code multires-slice.png} (one z slice of the octant).
 *
 * <pre>
 * bin/scrollwork experiment multires-octant --set steps=400 --set layouts=native,coregistered --set batch=2048 --set embeddings=bits,geometry
 * </pre>
 * Settings ({@link MultiResolutionConfig}): training steps per run, layouts, batch size, index embeddings ({@code bits},
 * the seed's ±1 bits on a 256×4 MLP at lr 2e-3; {@code geometry}, the geometry embedding with the defaults of
 * {@code scrollwork run}: {@link RunConfig}). The geometry embedding places both scans in the phantom's frame by their
 * voxel sizes, so the native layout needs no co-registration. The table has one row per AUNN run and per upsampling.
 */
public final class MultiResolutionExperiment implements Experiment {

    @Override public String name() { return "multires-octant"; }

    @Override public String summary() {
        return "a held-out 4 µm octant of the phantom predicted from its 8 µm scan and the other 4 µm octants: AUNN vs upsampling, PSNR and SSIM";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) throws IOException {
        MultiResolutionConfig config = MultiResolutionConfig.from(settings);
        int steps = config.steps(), batch = config.batch();
        Phantom phantom = PhantomGenerator.generate(PhantomConfig.defaults());
        PhantomLevel fine = phantom.fine(), coarse = phantom.coarse();
        Volume<?> fineScan = fine.scans().get(0), coarseScan = coarse.scans().get(0);
        int fx = (int) fine.shape()[0], fy = (int) fine.shape()[1], fz = (int) fine.shape()[2];
        int cx = (int) coarse.shape()[0], cy = (int) coarse.shape()[1], cz = (int) coarse.shape()[2];
        int factor = (int) Math.round(coarse.voxelSizeUm() / fine.voxelSizeUm());
        if (cx * factor != fx || cy * factor != fy || cz * factor != fz) throw new IllegalStateException("coarse grid does not tile the fine grid");
        double[] fineV = values(fineScan), coarseV = values(coarseScan);
        Box held = new Box(fx / 2, 0, 0, fx, fy / 2, fz / 2);
        int hx = (int) (held.x1() - held.x0()), hy = (int) (held.y1() - held.y0()), hz = (int) (held.z1() - held.z0());
        double[] truth = crop(fineV, fx, fy, held);
        progress.log(String.format(Locale.ROOT, "phantom %s: %d×%d×%d at %.0f µm and %d×%d×%d at %.0f µm (54 keV); held-out 4 µm octant %s (%d voxels)",
                phantom.groundTruth().scrollId(), fx, fy, fz, fine.voxelSizeUm(), cx, cy, cz, coarse.voxelSizeUm(), held, truth.length));

        Map<String, double[]> predictions = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        for (IndexEmbedding embedding : config.embeddings()) for (MultiResolutionConfig.Layout layout : config.layouts()) {
            String layoutName = ExperimentConfig.nameOf(layout), embeddingName = ExperimentConfig.nameOf(embedding);
            Path work = workDir.resolve(layoutName + "-" + embeddingName);
            AtomicFiles.deleteTree(work);
            try (Corpus corpus = Corpus.create(work.resolve("corpus"), CorpusOptions.defaults())) {
                CorpusRecord fineRec;
                if (layout == MultiResolutionConfig.Layout.NATIVE) {
                    CorpusRecord c = corpus.appendVolume(coarseScan, RecordMeta.of("ct", coarseScan.meta()), OptionalInt.empty());
                    fineRec = corpus.appendVolume(fineScan, RecordMeta.of("ct", fineScan.meta()), OptionalInt.empty());
                    progress.log(String.format(Locale.ROOT, "%s: 8 µm record %d at %d (2^%d indices), 4 µm record %d at %d (2^%d)", layoutName, c.id(), c.offset(),
                            c.blockBits(), fineRec.id(), fineRec.offset(), fineRec.blockBits()));
                } else {
                    fineRec = corpus.appendVolume(fineScan, RecordMeta.of("ct", fineScan.meta()), OptionalInt.empty());
                    Volume<?> up = Volumes.wrap(repeat(PhantomLevel.voxels(coarseScan), cx, cy, cz, factor), fineScan.shape(),
                            coarseScan.meta().toBuilder().voxelSizeUm(VoxelSize.isotropic(fine.voxelSizeUm()))
                                    .provenance("content", "8 um scan, each voxel repeated " + factor + "^3 onto the 4 um grid").build());
                    CorpusRecord c = corpus.appendVolume(up, RecordMeta.of("ct", up.meta()), OptionalInt.of(fineRec.id()));
                    progress.log(String.format(Locale.ROOT, "%s: 4 µm record %d at %d, 8 µm record (on the 4 µm grid, aligned) %d at %d (2^%d indices each)",
                            layoutName, fineRec.id(), fineRec.offset(), c.id(), c.offset(), c.blockBits()));
                }
                corpus.mask(fineRec.id(), held, Role.HELD_OUT);
                AunnConfig model = embedding == IndexEmbedding.GEOMETRY
                        ? TrainingDefaults.model(batch, steps, 1)
                        : AunnConfig.defaults().withShape(256, 4).withBatchSize(batch).withOptim(2e-3, Math.min(100, steps / 5), steps, 0).withSeed(1);
                String name = "AUNN " + embeddingName + ", " + layoutName + " layout";
                long t0 = System.nanoTime();
                TrainingRun.Metrics m = TrainingRun.run(corpus, model, work.resolve("train"),
                        new TrainingRun.Options(TrainingDefaults.SCHEDULE, Math.max(1, steps / 6), steps, 8192), x ->
                                progress.log(String.format(Locale.ROOT, "  %s step %d: train %.3f, held-out %.3f bits/byte", layoutName, x.step(), x.trainBits(), x.heldOutBits())));
                double seconds = (System.nanoTime() - t0) / 1e9;
                try (TrainedModel tm = TrainedModel.load(work.resolve("train"))) {
                    predictions.put(name, Renderer.render(tm.model(), fineRec, held));
                }
                notes.put(name, String.format(Locale.ROOT, "%d steps of %d, %.0f s; held-out %.2f bits/byte", m.step(), batch, seconds, m.heldOutBits()));
            }
        }
        predictions.put(TRICUBIC, Upsampling.tricubic(coarseV, cx, cy, cz, factor, held));
        predictions.put("trilinear upsampling of 8 µm", Upsampling.trilinear(coarseV, cx, cy, cz, factor, held));
        predictions.put("nearest (8 µm voxel repeated)", Upsampling.nearest(coarseV, cx, cy, cz, factor, held));

        ResultTable table = new ResultTable(String.format(Locale.ROOT, "The held-out 4 µm octant %d ≤ x < %d, y < %d, z < %d (%d voxels) of phantom %s",
                held.x0(), held.x1(), held.y1(), held.z1(), truth.length, phantom.groundTruth().scrollId()),
                List.of("4 µm voxels of the held-out octant", "PSNR dB", "SSIM", "training"), List.of(0, 2, 3, 0));
        List<Score> scores = new ArrayList<>();
        for (Map.Entry<String, double[]> e : predictions.entrySet()) {
            Score sc = new Score(e.getKey(), ImageQuality.psnr(ImageQuality.mse(truth, e.getValue()), 255), meanSsim(truth, e.getValue(), hx, hy, hz),
                    notes.getOrDefault(e.getKey(), ""));
            table.row(sc.name(), sc.psnrDb(), sc.ssim(), sc.training());
            scores.add(sc);
        }
        Score bestAunn = scores.stream().filter(sc -> !sc.training().isEmpty()).max(java.util.Comparator.comparingDouble(Score::psnrDb)).orElseThrow();
        Score tricubic = scores.stream().filter(sc -> sc.name().equals(TRICUBIC)).findFirst().orElseThrow();
        String headline = String.format(Locale.ROOT, "On the held-out 4 µm octant the best AUNN (%s) scores %.2f dB PSNR, SSIM %.3f; "
                + "tricubic upsampling of the 8 µm scan %.2f dB, SSIM %.3f.", bestAunn.name(), bestAunn.psnrDb(), bestAunn.ssim(), tricubic.psnrDb(), tricubic.ssim());
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("bestAunnPsnrDb", bestAunn.psnrDb());
        numbers.put("tricubicPsnrDb", tricubic.psnrDb());
        int zs = hz / 2;
        List<Plots.Panel> panels = new ArrayList<>();
        panels.add(new Plots.Panel("4 µm truth z=" + (held.z0() + zs), slice(truth, hx, hy, zs), hx, hy));
        for (Map.Entry<String, double[]> e : predictions.entrySet()) {
            String name = e.getKey().replace(" upsampling of 8 µm", "").replace(" (8 µm voxel repeated)", "").replace(" layout", "");
            panels.add(new Plots.Panel(name, slice(e.getValue(), hx, hy, zs), hx, hy));
        }
        return new ExperimentResult(headline, List.of(table), Map.of("multires-slice", Plots.panels(panels, 0, 255)), numbers);
    }

    private static final String TRICUBIC = "tricubic upsampling of 8 µm";

    /** One row of the table: a prediction of the octant, its scores, and how it was trained (empty for an upsampling). */
    private record Score(String name, double psnrDb, double ssim, String training) {}

    static double meanSsim(double[] truth, double[] test, int nx, int ny, int nz) {
        double s = 0;
        for (int z = 0; z < nz; z++) s += ImageQuality.ssim(slice(truth, nx, ny, z), slice(test, nx, ny, z), nx, ny, 255);
        return s / nz;
    }

    static double[] slice(double[] v, int nx, int ny, int z) {
        return java.util.Arrays.copyOfRange(v, z * nx * ny, (z + 1) * nx * ny);
    }

    static double[] crop(double[] v, int nx, int ny, Box b) {
        double[] out = new double[(int) b.voxels()];
        int k = 0;
        for (long z = b.z0(); z < b.z1(); z++) for (long y = b.y0(); y < b.y1(); y++) for (long x = b.x0(); x < b.x1(); x++) out[k++] = v[(int) ((z * ny + y) * nx + x)];
        return out;
    }

    static double[] values(Volume<?> v) {
        byte[] a = PhantomLevel.voxels(v);
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] & 0xff;
        return out;
    }

    /** Each coarse voxel repeated factor³ times: the coarse scan on the fine grid. */
    static byte[] repeat(byte[] c, int cx, int cy, int cz, int f) {
        int nx = cx * f, ny = cy * f, nz = cz * f;
        byte[] out = new byte[nx * ny * nz];
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) out[(z * ny + y) * nx + x] = c[((z / f) * cy + y / f) * cx + x / f];
        return out;
    }
}
