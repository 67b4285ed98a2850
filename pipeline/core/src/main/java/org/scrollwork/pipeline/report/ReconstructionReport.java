package org.scrollwork.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scrollwork.corpus.Box;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.pipeline.MetricsLine;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.eval.HeldOutSliceEvaluation;
import org.scrollwork.pipeline.eval.HeldOutVoxelEvaluation;
import org.scrollwork.pipeline.render.Renderer;

/**
 * Writes what a researcher looks at after a held-out-slice reconstruction, into a report directory:
 * <ul>
 *   <li>{@code renders/}: the reconstructions as TIFF stacks with the scan's voxel size (Fiji opens them
 *       calibrated): {@code aunn-reconstruction.tif} (known slices kept, held-out slices predicted),
 *       {@code aunn-render.tif} (every voxel predicted), {@code tricubic-reconstruction.tif} and
 *       {@code truth.tif};</li>
 *   <li>{@code plots/}: {@code loss.png} (bits per byte against step, trained and held-out) and
 *       {@code slice-zN.png} (truth, AUNN, trilinear, tricubic, non-local means + trilinear and the AUNN's absolute error
 *       on held-out slice N);</li>
 *   <li>{@code evaluation.json} and {@code report.html}, which links all of the above.</li>
 * </ul>
 */
public final class ReconstructionReport {
    public static final String HTML = "report.html";
    public static final String EVALUATION = "evaluation.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The field of {@value #EVALUATION} holding the methods' scores, the one the run table leaves out. */
    private static final String SCORES = "scores";

    private ReconstructionReport() {}

    /**
     * Writes the report for {@code result} into {@code dir}; {@code trainDir} is the training run whose
     * {@code metrics.jsonl} gives the loss curve (absent file: no curve). Returns the HTML file.
     */
    public static Path write(Path dir, Path trainDir, HeldOutSliceEvaluation.Result result, ScanMetadata scan, ReportFacts facts) {
        try {
            Files.createDirectories(dir.resolve("renders"));
            Files.createDirectories(dir.resolve("plots"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create report directory " + dir + ": " + e.getMessage(), e);
        }
        DataType type = scan.dataType();
        Box all = new Box(0, 0, 0, result.nx(), result.ny(), result.nz());
        var tiff = Formats.byName("tiff").orElseThrow().createWriter();
        ScanMetadata m = scan.toBuilder().provenance("reconstruction", "scrollwork AUNN, held-out slices " + result.heldOutSlices()).build();
        tiff.write(dir.resolve("renders/aunn-reconstruction.tif"), Renderer.toVolume(result.aunn(), all, type, m));
        tiff.write(dir.resolve("renders/aunn-render.tif"), Renderer.toVolume(result.aunnRender(), all, type, m));
        tiff.write(dir.resolve("renders/tricubic-reconstruction.tif"), Renderer.toVolume(result.tricubic(), all, type, scan));
        tiff.write(dir.resolve("renders/truth.tif"), Renderer.toVolume(result.truth(), all, type, scan));

        List<String> images = withLossPlot(trainDir, dir);
        int z = result.heldOutSlices().get(result.heldOutSlices().size() / 2);
        int plane = result.nx() * result.ny();
        double[] err = new double[plane];
        for (int i = 0; i < plane; i++) err[i] = Math.abs(result.aunn()[z * plane + i] - result.truth()[z * plane + i]);
        double hi = max(result.truth());
        String slicePng = "plots/slice-z" + z + ".png";
        Plots.writePng(Plots.panels(List.of(
                panel("truth", result.truth(), z, result), panel("AUNN", result.aunn(), z, result),
                panel("trilinear", result.trilinear(), z, result), panel("tricubic", result.tricubic(), z, result),
                panel(HeldOutSliceEvaluation.NLM, result.nlmTrilinear(), z, result),
                new Plots.Panel("|AUNN - truth|", err, result.nx(), result.ny())), 0, hi), dir.resolve(slicePng));
        images.add(slicePng);
        if (result.nz() > 1) { // the held-out planes seen edge-on: the x-z plane through the middle row, the y-z plane through the middle column
            images.add(orthogonalPanels(dir, result, OrthogonalPlane.XZ, result.ny() / 2, hi));
            images.add(orthogonalPanels(dir, result, OrthogonalPlane.YZ, result.nx() / 2, hi));
        }

        return writeEvaluationAndPage(dir, facts, SliceEvaluation.of(result, type), images);
    }

    /**
     * As {@link #write} for held-out voxels ({@code --hold-out random:F} or {@code box:…}): renders ({@code baseline-reconstruction.tif}
     * in place of the tricubic one), the loss curve, the plane through the middle of the held-out voxels (truth, AUNN,
     * baseline, |AUNN − truth|, the held-out voxels), and the PSNR and mean absolute error table. Returns the HTML file.
     */
    public static Path writeVoxels(Path dir, Path trainDir, HeldOutVoxelEvaluation.Result result, String pattern, String baseline, ScanMetadata scan,
                                   ReportFacts facts) {
        try {
            Files.createDirectories(dir.resolve("renders"));
            Files.createDirectories(dir.resolve("plots"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create report directory " + dir + ": " + e.getMessage(), e);
        }
        DataType type = scan.dataType();
        int nx = result.nx(), ny = result.ny(), plane = nx * ny;
        Box all = new Box(0, 0, 0, nx, ny, result.nz());
        var tiff = Formats.byName("tiff").orElseThrow().createWriter();
        ScanMetadata m = scan.toBuilder().provenance("reconstruction", "scrollwork AUNN, held-out voxels " + pattern).build();
        tiff.write(dir.resolve("renders/aunn-reconstruction.tif"), Renderer.toVolume(result.aunn(), all, type, m));
        tiff.write(dir.resolve("renders/aunn-render.tif"), Renderer.toVolume(result.aunnRender(), all, type, m));
        tiff.write(dir.resolve("renders/baseline-reconstruction.tif"), Renderer.toVolume(result.baseline(), all, type, scan));
        tiff.write(dir.resolve("renders/truth.tif"), Renderer.toVolume(result.truth(), all, type, scan));
        List<String> images = withLossPlot(trainDir, dir);
        long[] perSlice = new long[result.nz()];
        long total = 0;
        for (int i = 0; i < result.roles().length; i++) {
            if (result.roles()[i] == org.scrollwork.aunn.data.Role.HELD_OUT) {
                perSlice[i / plane]++;
                total++;
            }
        }
        int z = 0;
        for (long seen = 0; z < result.nz() - 1 && seen + perSlice[z] <= total / 2; z++) seen += perSlice[z]; // the slice holding the median held-out voxel
        double[] err = new double[plane], held = new double[plane];
        double hi = max(result.truth());
        for (int i = 0; i < plane; i++) {
            err[i] = Math.abs(result.aunn()[z * plane + i] - result.truth()[z * plane + i]);
            held[i] = result.roles()[z * plane + i] == org.scrollwork.aunn.data.Role.TRAIN ? 0 : hi;
        }
        String slicePng = "plots/slice-z" + z + ".png";
        Plots.writePng(Plots.panels(List.of(
                new Plots.Panel("truth", java.util.Arrays.copyOfRange(result.truth(), z * plane, (z + 1) * plane), nx, ny),
                new Plots.Panel("AUNN", java.util.Arrays.copyOfRange(result.aunn(), z * plane, (z + 1) * plane), nx, ny),
                new Plots.Panel(baseline, java.util.Arrays.copyOfRange(result.baseline(), z * plane, (z + 1) * plane), nx, ny),
                new Plots.Panel("|AUNN - truth|", err, nx, ny), new Plots.Panel("untrained voxels", held, nx, ny)), 0, hi), dir.resolve(slicePng));
        images.add(slicePng);

        return writeEvaluationAndPage(dir, facts, VoxelEvaluation.of(result, pattern, baseline), images);
    }

    /** A part of the report page after the held-out-slice results: a heading and HTML (relative links are relative to the report directory). */
    public record Section(String title, String html) {}

    /**
     * Writes {@code report.html} again from a report directory written by {@link #write} ({@value #EVALUATION}, the plots
     * there) with {@code sections} added after the held-out-slice results. Returns the HTML file.
     */
    public static Path rewrite(Path dir, List<Section> sections) {
        try {
            JsonNode eval = JSON.readTree(dir.resolve(EVALUATION).toFile());
            List<String> images = new ArrayList<>();
            if (Files.exists(dir.resolve("plots/loss.png"))) images.add("plots/loss.png");
            try (var s = Files.list(dir.resolve("plots"))) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("slice-") && n.endsWith(".png"))
                        .sorted(java.util.Comparator.comparing((String n) -> n.startsWith("slice-z") ? 0 : n.startsWith("slice-xz") ? 1 : 2)
                                .thenComparing(java.util.Comparator.naturalOrder()))
                        .forEach(n -> images.add("plots/" + n)); // x-y, then x-z and y-z, as write adds them
            }
            Path html = dir.resolve(HTML);
            AtomicFiles.writeBytes(html, html(eval, images, sections).getBytes(StandardCharsets.UTF_8));
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite report in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The loss curve of a training run's metrics.jsonl. */
    static java.awt.image.BufferedImage lossPlot(Path metrics) {
        List<double[]> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                MetricsLine m = JSON.readValue(line, MetricsLine.class);
                rows.add(new double[] {m.step(), m.trainBitsPerByte(), m.heldOutBitsPerByte() == null ? Double.NaN : m.heldOutBitsPerByte()});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics + ": " + e.getMessage(), e);
        }
        double[] x = new double[rows.size()], tr = new double[rows.size()], ho = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = rows.get(i)[0];
            tr[i] = rows.get(i)[1];
            ho[i] = rows.get(i)[2];
        }
        return Plots.linePlot("AUNN training", "step", "bits per byte", List.of(new Plots.Series("trained bytes", x, tr), new Plots.Series("held-out bytes", x, ho)));
    }

    /** A plane across the held-out slices: x–z at a row y, or y–z at a column x. */
    enum OrthogonalPlane { XZ, YZ }

    /** The methods' panels of the plane {@code which} at {@code at}, written as {@code plots/slice-xz-yN.png} or {@code slice-yz-xN.png}. */
    private static String orthogonalPanels(Path dir, HeldOutSliceEvaluation.Result r, OrthogonalPlane which, int at, double hi) {
        String png = which == OrthogonalPlane.XZ ? "plots/slice-xz-y" + at + ".png" : "plots/slice-yz-x" + at + ".png";
        double[] truth = cut(r.truth(), r, which, at), aunn = cut(r.aunn(), r, which, at);
        double[] err = new double[truth.length];
        for (int i = 0; i < err.length; i++) err[i] = Math.abs(aunn[i] - truth[i]);
        int w = which == OrthogonalPlane.XZ ? r.nx() : r.ny();
        Plots.writePng(Plots.panels(List.of(new Plots.Panel("truth", truth, w, r.nz()), new Plots.Panel("AUNN", aunn, w, r.nz()),
                new Plots.Panel("trilinear", cut(r.trilinear(), r, which, at), w, r.nz()), new Plots.Panel("tricubic", cut(r.tricubic(), r, which, at), w, r.nz()),
                new Plots.Panel(HeldOutSliceEvaluation.NLM, cut(r.nlmTrilinear(), r, which, at), w, r.nz()),
                new Plots.Panel("|AUNN - truth|", err, w, r.nz())), 0, hi), dir.resolve(png));
        return png;
    }

    /** The plane {@code which} at {@code at} of a region volume (x fastest), rows along z. */
    private static double[] cut(double[] vol, HeldOutSliceEvaluation.Result r, OrthogonalPlane which, int at) {
        int nx = r.nx(), ny = r.ny(), nz = r.nz(), w = which == OrthogonalPlane.XZ ? nx : ny;
        double[] out = new double[w * nz];
        for (int z = 0; z < nz; z++) {
            for (int u = 0; u < w; u++) out[z * w + u] = vol[(z * ny + (which == OrthogonalPlane.XZ ? at : u)) * nx + (which == OrthogonalPlane.XZ ? u : at)];
        }
        return out;
    }

    private static Plots.Panel panel(String caption, double[] vol, int z, HeldOutSliceEvaluation.Result r) {
        int plane = r.nx() * r.ny();
        return new Plots.Panel(caption, java.util.Arrays.copyOfRange(vol, z * plane, (z + 1) * plane), r.nx(), r.ny());
    }

    /** What {@code reconstruction-report.html.mustache} shows: numbers already formatted, text escaped by the template. */
    record View(List<Fact> facts, int heldOutSliceCount, String heldOutVoxels, String psnrPeak, String regionDataRange, String materialVoxels,
                String materialThreshold, List<ScoreRow> scores, List<String> images, List<Section> sections, List<String> renders, String evaluation,
                VoxelPattern voxels) {}

    /** What the page says of a voxel pattern ({@code --hold-out random:F} or {@code box:…}); null for planes. */
    record VoxelPattern(String pattern, String baseline, String validationVoxels) {}

    /** A row of the run table. */
    record Fact(String key, String value) {
        /**
         * Every field of an evaluation document but its scores, in its order: whatever the run directory's
         * {@value ReconstructionReport#EVALUATION} holds, fields of older or newer reports included.
         */
        static List<Fact> table(JsonNode evaluation) {
            List<Fact> facts = new ArrayList<>();
            evaluation.fields().forEachRemaining(f -> {
                if (!f.getKey().equals(SCORES)) facts.add(new Fact(f.getKey(), value(JSON.convertValue(f.getValue(), Object.class))));
            });
            return facts;
        }

        /** A value rounded to what it means: fractional numbers to 2 decimals (4 significant digits below 1); lists and objects as Java prints them. */
        static String value(Object v) {
            if (!(v instanceof Double || v instanceof Float)) return String.valueOf(v);
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d) || d == Math.rint(d) && Math.abs(d) < 1e15) return Double.isFinite(d) ? String.valueOf((long) d) : String.valueOf(d);
            return Math.abs(d) >= 1 ? String.format(Locale.ROOT, "%.2f", d) : String.format(Locale.ROOT, "%.4g", d);
        }
    }

    /** A row of the scores table; a score not given (or not finite) is "n/a". */
    record ScoreRow(String method, String psnrDb, String psnrRegionRangeDb, String psnrMaterialDb, String ssim, String mae) {
        static ScoreRow of(String method, Double psnrDb, Double psnrRegionRangeDb, Double psnrMaterialDb, Double ssim, Double mae) {
            return new ScoreRow(method, number(psnrDb, "%.2f"), number(psnrRegionRangeDb, "%.2f"), number(psnrMaterialDb, "%.2f"), number(ssim, "%.4f"),
                    number(mae, "%.1f"));
        }
    }

    /** The page of an evaluation document ({@value #EVALUATION}: the run's facts, then a {@link SliceEvaluation} or a {@link VoxelEvaluation}). */
    static String html(JsonNode evaluation, List<String> images, List<Section> sections) {
        Class<? extends Evaluation> kind = evaluation.hasNonNull("baseline") ? VoxelEvaluation.class : SliceEvaluation.class; // voxel patterns name their baseline
        Evaluation e = JSON.convertValue(evaluation, kind);
        View view = new View(Fact.table(evaluation), e.heldOutSlices().size(), String.valueOf(e.heldOutVoxels()), String.valueOf(e.psnrPeak()),
                number(e.regionDataRange(), "%.0f"), String.valueOf(e.materialVoxels()), number(e.materialThreshold(), "%.1f"), e.scoreRows(), images, sections,
                List.of("aunn-reconstruction.tif", "aunn-render.tif", e.baselineRender(), "truth.tif"), EVALUATION, e.voxelPattern());
        return HtmlTemplates.render("reconstruction-report.html.mustache", view);
    }

    /** A number to show, or "n/a": not given (older reports) or not finite (written as a string, or null). */
    private static String number(Double v, String format) {
        return v != null && Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "n/a";
    }

    private static double max(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, v);
        return m;
    }

    /** HTML-escapes text. */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** {@value #EVALUATION}, the run's facts then what the evaluation measured, and the report page from it; returns the page. */
    private static Path writeEvaluationAndPage(Path dir, ReportFacts facts, Evaluation measured, List<String> images) {
        ObjectNode eval = JSON.valueToTree(facts);
        eval.setAll((ObjectNode) JSON.valueToTree(measured)); // a field the facts have too (holdOut) keeps the facts' place
        try {
            AtomicFiles.writeBytes(dir.resolve(EVALUATION), JSON.writeValueAsBytes(eval));
            Path html = dir.resolve(HTML);
            AtomicFiles.writeBytes(html, html(eval, images, List.of()).getBytes(StandardCharsets.UTF_8));
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The page's images so far: {@code plots/loss.png}, drawn from the training's metrics when it has them. */
    private static List<String> withLossPlot(Path trainDir, Path dir) {
        List<String> images = new ArrayList<>();
        Path metrics = trainDir.resolve(TrainingRun.METRICS);
        if (Files.exists(metrics)) {
            Plots.writePng(lossPlot(metrics), dir.resolve("plots/loss.png"));
            images.add("plots/loss.png");
        }
        return images;
    }
}
