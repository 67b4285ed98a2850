package org.scrollwork.experiments.reconstruction;

import java.nio.file.Files;
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
 * tricubic upsampling of the 8 µm scan ({@link Upsampling}). Writes {@code DIR/multires-slice.png}.
 *
 * <pre>
 * bin/bench workflows/experiments org.scrollwork.experiments.reconstruction.MultiResolutionExperiment /tmp/multires 400 native,coregistered 2048 bits,geometry
 * </pre>
 * Arguments: work directory, training steps per layout, layouts (comma-separated), batch size, index embeddings
 * (comma-separated: {@code bits}, the seed's ±1 bits on a 256×4 MLP at lr 2e-3; {@code geometry}, the geometry embedding
 * with the defaults of {@code scrollwork run}: {@link RunConfig}). The geometry embedding places both scans in the
 * phantom's frame by their voxel sizes, so the native layout needs no co-registration.
 */
public final class MultiResolutionExperiment {
    private MultiResolutionExperiment() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/multires");
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        List<String> layouts = List.of((args.length > 2 ? args[2] : "native,coregistered").split(","));
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 512;
        List<String> embeddings = List.of((args.length > 4 ? args[4] : "bits").split(","));
        if (Files.exists(dir)) org.scrollwork.files.AtomicFiles.deleteTree(dir);
        long tAll = System.nanoTime();
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
        System.out.printf(Locale.ROOT, "phantom %s: %d×%d×%d at %.0f µm and %d×%d×%d at %.0f µm (54 keV); held-out 4 µm octant %s (%d voxels)%n",
                phantom.groundTruth().scrollId(), fx, fy, fz, fine.voxelSizeUm(), cx, cy, cz, coarse.voxelSizeUm(), held, truth.length);

        Map<String, double[]> predictions = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        for (String embedding : embeddings) for (String layout : layouts) {
            Path work = dir.resolve(layout + "-" + embedding);
            try (Corpus corpus = Corpus.create(work.resolve("corpus"), CorpusOptions.defaults())) {
                CorpusRecord fineRec;
                if (layout.equals("native")) {
                    CorpusRecord c = corpus.appendVolume(coarseScan, RecordMeta.of("ct", coarseScan.meta()), OptionalInt.empty());
                    fineRec = corpus.appendVolume(fineScan, RecordMeta.of("ct", fineScan.meta()), OptionalInt.empty());
                    System.out.printf(Locale.ROOT, "%s: 8 µm record %d at %d (2^%d indices), 4 µm record %d at %d (2^%d)%n", layout, c.id(), c.offset(),
                            c.blockBits(), fineRec.id(), fineRec.offset(), fineRec.blockBits());
                } else if (layout.equals("coregistered")) {
                    fineRec = corpus.appendVolume(fineScan, RecordMeta.of("ct", fineScan.meta()), OptionalInt.empty());
                    Volume<?> up = Volumes.wrap(repeat(PhantomLevel.voxels(coarseScan), cx, cy, cz, factor), fineScan.shape(),
                            coarseScan.meta().toBuilder().voxelSizeUm(VoxelSize.isotropic(fine.voxelSizeUm()))
                                    .provenance("content", "8 um scan, each voxel repeated " + factor + "^3 onto the 4 um grid").build());
                    CorpusRecord c = corpus.appendVolume(up, RecordMeta.of("ct", up.meta()), OptionalInt.of(fineRec.id()));
                    System.out.printf(Locale.ROOT, "%s: 4 µm record %d at %d, 8 µm record (on the 4 µm grid, aligned) %d at %d (2^%d indices each)%n", layout,
                            fineRec.id(), fineRec.offset(), c.id(), c.offset(), c.blockBits());
                } else {
                    throw new IllegalArgumentException("unknown layout '" + layout + "': native or coregistered");
                }
                corpus.mask(fineRec.id(), held, Role.HELD_OUT);
                AunnConfig config = embedding.equals("geometry")
                        ? TrainingDefaults.model(batch, steps, 1)
                        : AunnConfig.defaults().withShape(256, 4).withBatchSize(batch).withOptim(2e-3, Math.min(100, steps / 5), steps, 0).withSeed(1);
                String name = "AUNN " + embedding + ", " + layout + " layout";
                long t0 = System.nanoTime();
                TrainingRun.Metrics m = TrainingRun.run(corpus, config, work.resolve("train"),
                        new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, Math.max(1, steps / 6), steps, 8192), x ->
                                System.out.printf(Locale.ROOT, "  %s step %d: train %.3f, held-out %.3f bits/byte%n", layout, x.step(), x.trainBits(), x.heldOutBits()));
                double seconds = (System.nanoTime() - t0) / 1e9;
                try (TrainedModel tm = TrainedModel.load(work.resolve("train"))) {
                    predictions.put(name, Renderer.render(tm.model(), fineRec, held));
                }
                notes.put(name, String.format(Locale.ROOT, "%d steps of %d, %.0f s; held-out %.2f bits/byte", m.step(), batch, seconds, m.heldOutBits()));
            }
        }
        predictions.put("tricubic upsampling of 8 µm", Upsampling.tricubic(coarseV, cx, cy, cz, factor, held));
        predictions.put("trilinear upsampling of 8 µm", Upsampling.trilinear(coarseV, cx, cy, cz, factor, held));
        predictions.put("nearest (8 µm voxel repeated)", Upsampling.nearest(coarseV, cx, cy, cz, factor, held));

        System.out.println();
        System.out.println("| 4 µm voxels of the held-out octant | PSNR dB | SSIM |");
        System.out.println("|---|---:|---:|");
        for (Map.Entry<String, double[]> e : predictions.entrySet()) {
            double psnr = ImageQuality.psnr(ImageQuality.mse(truth, e.getValue()), 255);
            String note = notes.containsKey(e.getKey()) ? " (" + notes.get(e.getKey()) + ")" : "";
            System.out.printf(Locale.ROOT, "| %s%s | %.2f | %.3f |%n", e.getKey(), note, psnr, meanSsim(truth, e.getValue(), hx, hy, hz));
        }
        int zs = hz / 2;
        List<Plots.Panel> panels = new ArrayList<>();
        panels.add(new Plots.Panel("4 µm truth z=" + (held.z0() + zs), slice(truth, hx, hy, zs), hx, hy));
        for (Map.Entry<String, double[]> e : predictions.entrySet()) {
            String name = e.getKey().replace(" upsampling of 8 µm", "").replace(" (8 µm voxel repeated)", "").replace(" layout", "");
            panels.add(new Plots.Panel(name, slice(e.getValue(), hx, hy, zs), hx, hy));
        }
        Path png = dir.resolve("multires-slice.png");
        Plots.writePng(Plots.panels(panels, 0, 255), png);
        System.out.printf(Locale.ROOT, "%nslice panel: %s; whole run %.0f s%n", png, (System.nanoTime() - tAll) / 1e9);
    }

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
