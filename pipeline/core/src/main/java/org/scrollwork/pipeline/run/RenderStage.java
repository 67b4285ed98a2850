package org.scrollwork.pipeline.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.imglib2.Cursor;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.io.Format;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.phantom.GroundTruth;
import org.scrollwork.phantom.PhantomWriter;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.distill.DistillStage;
import org.scrollwork.pipeline.distill.PapyrusRecord;
import org.scrollwork.pipeline.distill.Provenance;
import org.scrollwork.pipeline.render.Renderer;
import org.scrollwork.pipeline.render.TextOverlay;
import org.scrollwork.pipeline.render.TextRender;
import org.scrollwork.pipeline.report.OverlayPicture;
import org.scrollwork.pipeline.report.Plots;
import org.scrollwork.pipeline.report.TextReport;

/**
 * Render, into {@code renders/}: the AUNN's expected voxel values over the whole region ({@value #VOLUME} as calibrated
 * TIFF and OME-Zarr); with a transcription, its readings without and with the prior and their provenance
 * ({@code text/}, {@link TextReport}); with letter labels and a ground truth, the reading placed over the scan
 * ({@link TextOverlay}): {@value #OVERLAY}{@code .tif}/{@code .ome.zarr} (with the prior when there is one),
 * {@value #OVERLAY}{@code -aunn.tif} (AUNN alone) and a PNG of the busiest slice. Rerun whole when interrupted.
 */
final class RenderStage implements Stage<RenderResult> {
    static final String NAME = "render";
    static final String VOLUME = "aunn-render";
    static final String OVERLAY = "predicted-letters";

    @Override public String name() { return NAME; }

    @Override public Class<RenderResult> resultType() { return RenderResult.class; }

    @Override public RenderResult run(StageContext ctx) {
        RunDirectory d = ctx.dir();
        Path out = d.renders();
        try (Corpus corpus = Corpus.open(d.corpus()); TrainedModel base = TrainedModel.load(d.train(), corpus)) {
            Files.createDirectories(out);
            CorpusRecord r = corpus.record(ctx.volumeRecord());
            Box all = new Box(0, 0, 0, r.shape().x(), r.shape().y(), r.shape().z());
            ScanMetadata scan = r.meta().toScanMetadata(r.dataType());
            ScanMetadata meta = scan.toBuilder().provenance("render", "scrollwork AUNN " + TrainedModel.predictionFile(d.train())
                    + " at step " + base.step() + ", record " + r.id() + " (region " + region(ctx) + ")").build();
            Volume<?> v = Renderer.toVolume(Renderer.render(base.model(), r, all), all, r.dataType(), meta);
            List<String> volumes = new java.util.ArrayList<>();
            for (String f : List.of("tiff", "ome-zarr")) volumes.add(ctx.relative(write(out, VOLUME, f, v)));
            ctx.log("render: AUNN's expected voxel values over the region -> " + volumes);
            RenderResult result = RenderResult.volumes(volumes);
            return ctx.textRecord() >= 0 ? text(ctx, corpus, base, scan, result) : result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write renders in " + out + ": " + e.getMessage(), e);
        }
    }

    private RenderResult text(StageContext ctx, Corpus corpus, TrainedModel base, ScanMetadata scan, RenderResult volumes) {
        RunDirectory d = ctx.dir();
        PapyrusRecord rec = PapyrusRecord.read(corpus, ctx.textRecord());
        Path distilled = d.train().resolve(DistillStage.DISTILLED);
        TextRender t;
        if (ctx.distill().isPresent()) {
            try (TrainedModel prior = TrainedModel.load(distilled, corpus)) {
                t = TextRender.of(rec, base.model(), prior.model());
            }
        } else {
            t = TextRender.of(rec, base.model(), null);
        }
        Path html = TextReport.write(d.renders().resolve("text"), t);
        RenderResult result = volumes.withText(ctx.relative(html), t.hidden().size(), t.withPrior() != null ? t.decidedByPrior() : null);
        ctx.log("render: AUNN alone:     " + t.withoutPrior());
        if (t.withPrior() != null) ctx.log("render: with the prior: " + t.withPrior());
        if (ctx.config().letters() == null) return result;

        GroundTruth truth = truth(Path.of(ctx.config().truth()));
        Volume<?> labels = Formats.read(Path.of(ctx.config().letters()), ctx.config().level());
        Region region = region(ctx);
        int level = boxLevel(truth, scan, ctx.config().truth());
        String alone = reading(rec, t, false), withPrior = t.withPrior() != null ? reading(rec, t, true) : alone;
        boolean same = rec.length() == truth.text().length();
        for (int i = 0; same && i < rec.length(); i++) same = !rec.visible(i) || rec.letters().charAt(i) == truth.text().charAt(i);
        if (!same) {
            throw new IllegalArgumentException("the transcription " + ctx.config().text() + " is not the text of the ground truth " + ctx.config().truth()
                    + ": the overlay places the ground truth's letters");
        }
        TextOverlay main = TextOverlay.of(region.of(labels), region.origin(), truth.letters(), level, withPrior);
        String how = t.withPrior() != null ? "AUNN with the distilled language prior" : "AUNN alone";
        List<String> files = new java.util.ArrayList<>();
        for (String f : List.of("tiff", "ome-zarr")) files.add(ctx.relative(write(d.renders(), OVERLAY, f, main.volume(scan, how + ", letters at the ground truth's letter voxels"))));
        TextOverlay aunn = TextOverlay.of(region.of(labels), region.origin(), truth.letters(), level, alone);
        files.add(ctx.relative(write(d.renders(), OVERLAY + "-aunn", "tiff", aunn.volume(scan, "AUNN alone, letters at the ground truth's letter voxels"))));
        int z = main.busiestSlice();
        boolean[] hidden = new boolean[rec.length()];
        for (Provenance p : t.hidden()) hidden[p.letter()] = true;
        Path png = d.renders().resolve(OVERLAY + "-z" + z + ".png");
        Plots.writePng(OverlayPicture.draw(grey(Formats.read(ctx.config().scanSource(), ctx.config().level()), region), main, z, hidden), png);
        files.add(ctx.relative(png));
        ctx.log(String.format("render: predicted letters over the scan, %d letter voxels, %d with the right letter -> %s", main.letterVoxels(), main.correctVoxels(), files));
        return result.withOverlay(files, z, main.letterVoxels(), main.correctVoxels(), aunn.correctVoxels(), main.unassigned());
    }

    /** The whole text with each hidden letter as read (visible letters are the evidence). */
    static String reading(PapyrusRecord rec, TextRender t, boolean prior) {
        char[] s = rec.letters().toCharArray();
        for (Provenance p : t.hidden()) s[p.letter()] = prior ? p.topAfter() : p.topBefore();
        return new String(s);
    }

    static Region region(StageContext ctx) { return ctx.ingest().region(); }

    static GroundTruth truth(Path file) {
        try {
            return PhantomWriter.mapper().readValue(file.toFile(), GroundTruth.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ground truth " + file + ": " + e.getMessage(), e);
        }
    }

    /** Which of the ground truth's voxel grids has the scan's voxel size. */
    static int boxLevel(GroundTruth truth, ScanMetadata scan, String file) {
        double um = scan.voxelSizeUm().orElseThrow(() -> new IllegalArgumentException("the scan has no voxel size to match the ground truth " + file)).xUm();
        for (int i = 0; i < truth.voxelSizesUm().size(); i++) if (Math.abs(truth.voxelSizesUm().get(i) - um) < 1e-6 * um) return i;
        throw new IllegalArgumentException("ground truth " + file + " has letter boxes at " + truth.voxelSizesUm() + " µm, not at the scan's " + um + " µm");
    }

    static double[] grey(Volume<?> scan, Region region) {
        Volume<?> v = region.of(scan);
        double[] out = new double[Math.toIntExact(v.voxelCount())];
        Cursor<? extends RealType<?>> c = Views.flatIterable(v.image()).cursor();
        for (int i = 0; c.hasNext(); i++) out[i] = c.next().getRealDouble();
        return out;
    }

    private static Path write(Path dir, String stem, String format, Volume<?> v) {
        Format f = Formats.byName(format).orElseThrow();
        Path p = dir.resolve(stem + f.extensions().get(0));
        f.createWriter().write(p, v);
        return p;
    }
}
