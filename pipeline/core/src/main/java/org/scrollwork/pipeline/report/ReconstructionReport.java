package org.scrollwork.pipeline.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scrollwork.corpus.Box;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
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

    private ReconstructionReport() {}

    /**
     * Writes the report for {@code result} into {@code dir}; {@code trainDir} is the training run whose
     * {@code metrics.jsonl} gives the loss curve (absent file: no curve). Returns the HTML file.
     */
    public static Path write(Path dir, Path trainDir, HeldOutSliceEvaluation.Result result, ScanMetadata scan, Map<String, Object> facts) {
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

        Map<String, Object> eval = new LinkedHashMap<>(facts);
        eval.put("heldOutSlices", result.heldOutSlices());
        eval.put("heldOutVoxels", result.heldOutVoxels());
        List<Map<String, Object>> scores = new ArrayList<>();
        eval.put("psnrPeak", type == DataType.UINT8 ? 255 : 65535);
        eval.put("regionDataRange", result.regionRange());
        eval.put("materialThreshold", result.materialThreshold());
        eval.put("materialVoxels", result.materialVoxels());
        HeldOutSliceEvaluation.NlmChoice nlm = result.nlm();
        eval.put("nlmNoiseSigma", nlm.sigma());
        eval.put("nlmHOverSigma", nlm.hOverSigma());
        eval.put("nlmHChosenOn", nlm.chosenOnValidation() ? "validation slices " + nlm.candidates() + " x sigma" : "default (no validation slices)");
        for (int i = 0; i < result.scores().size(); i++) {
            HeldOutSliceEvaluation.Score s = result.scores().get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", s.method());
            row.put("psnrDb", finite(s.psnrDb()));
            row.put("ssim", finite(s.ssim()));
            row.put("psnrRegionRangeDb", finite(result.rangeScores().get(i).psnrDb()));
            row.put("psnrMaterialDb", finite(result.rangeScores().get(i).materialPsnrDb()));
            scores.add(row);
        }
        eval.put("scores", scores);
        return writeEvaluationAndPage(dir, eval, images);
    }

    /**
     * As {@link #write} for held-out voxels ({@code --hold-out random:F} or {@code box:…}): renders ({@code baseline-reconstruction.tif}
     * in place of the tricubic one), the loss curve, the plane through the middle of the held-out voxels (truth, AUNN,
     * baseline, |AUNN − truth|, the held-out voxels), and the PSNR and mean absolute error table. Returns the HTML file.
     */
    public static Path writeVoxels(Path dir, Path trainDir, HeldOutVoxelEvaluation.Result result, String pattern, String baseline, ScanMetadata scan,
                                   Map<String, Object> facts) {
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

        Map<String, Object> eval = new LinkedHashMap<>(facts);
        eval.put("holdOut", pattern);
        eval.put("baseline", baseline);
        eval.put("heldOutSlices", List.of());
        eval.put("heldOutVoxels", result.heldOutVoxels());
        eval.put("validationVoxels", result.validationVoxels());
        eval.put("psnrPeak", result.psnrPeak());
        eval.put("regionDataRange", result.regionRange());
        eval.put("materialThreshold", result.materialThreshold());
        eval.put("materialVoxels", result.materialVoxels());
        List<Map<String, Object>> scores = new ArrayList<>();
        for (HeldOutVoxelEvaluation.Score sc : result.scores()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", sc.method());
            row.put("psnrDb", finite(sc.psnrDb()));
            row.put("psnrRegionRangeDb", finite(sc.psnrRegionRangeDb()));
            row.put("psnrMaterialDb", finite(sc.psnrMaterialDb()));
            row.put("maeLevels", finite(sc.mae()));
            scores.add(row);
        }
        eval.put("scores", scores);
        return writeEvaluationAndPage(dir, eval, images);
    }

    /** A part of the report page after the held-out-slice results: a heading and HTML (relative links are relative to the report directory). */
    public record Section(String title, String html) {}

    /**
     * Writes {@code report.html} again from a report directory written by {@link #write} ({@value #EVALUATION}, the plots
     * there) with {@code sections} added after the held-out-slice results. Returns the HTML file.
     */
    @SuppressWarnings("unchecked")
    public static Path rewrite(Path dir, List<Section> sections) {
        try {
            Map<String, Object> eval = JSON.readValue(dir.resolve(EVALUATION).toFile(), LinkedHashMap.class);
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
                JsonNode j = JSON.readTree(line);
                JsonNode held = j.get("heldOutBitsPerByte");
                rows.add(new double[] {j.get("step").asDouble(), j.get("trainBitsPerByte").asDouble(),
                        held == null || held.isNull() ? Double.NaN : held.asDouble()});
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
    record Fact(String key, String value) {}

    /** A row of the scores table. */
    record ScoreRow(String method, String psnrDb, String psnrRegionRangeDb, String psnrMaterialDb, String ssim, String mae) {}

    @SuppressWarnings("unchecked")
    static String html(Map<String, Object> eval, List<String> images, List<Section> sections) {
        List<Fact> facts = new ArrayList<>();
        for (Map.Entry<String, Object> e : eval.entrySet()) {
            if (!e.getKey().equals("scores")) facts.add(new Fact(e.getKey(), factValue(e.getValue())));
        }
        List<ScoreRow> scores = new ArrayList<>();
        VoxelPattern voxels = eval.get("baseline") == null ? null
                : new VoxelPattern(String.valueOf(eval.get("holdOut")), String.valueOf(eval.get("baseline")), String.valueOf(eval.get("validationVoxels")));
        for (Map<String, Object> s : (List<Map<String, Object>>) eval.get("scores")) {
            scores.add(new ScoreRow(String.valueOf(s.get("method")), number(s.get("psnrDb"), "%.2f"), number(s.get("psnrRegionRangeDb"), "%.2f"),
                    number(s.get("psnrMaterialDb"), "%.2f"), number(s.get("ssim"), "%.4f"), number(s.get("maeLevels"), "%.1f")));
        }
        View view = new View(facts, ((List<Object>) eval.get("heldOutSlices")).size(), String.valueOf(eval.get("heldOutVoxels")),
                String.valueOf(eval.get("psnrPeak")), number(eval.get("regionDataRange"), "%.0f"), String.valueOf(eval.get("materialVoxels")),
                number(eval.get("materialThreshold"), "%.1f"), scores, images, sections,
                List.of("aunn-reconstruction.tif", "aunn-render.tif", voxels == null ? "tricubic-reconstruction.tif" : "baseline-reconstruction.tif", "truth.tif"),
                EVALUATION, voxels);
        return HtmlTemplates.render("reconstruction-report.html.mustache", view);
    }

    /** A value of the facts table, rounded to what it means: fractional numbers to 2 decimals (4 significant digits below 1). */
    static String factValue(Object v) {
        if (!(v instanceof Double || v instanceof Float)) return String.valueOf(v);
        double d = ((Number) v).doubleValue();
        if (!Double.isFinite(d) || d == Math.rint(d) && Math.abs(d) < 1e15) return Double.isFinite(d) ? String.valueOf((long) d) : String.valueOf(d);
        return Math.abs(d) >= 1 ? String.format(Locale.ROOT, "%.2f", d) : String.format(Locale.ROOT, "%.4g", d);
    }

    private static String number(Object v, String format) {
        return v instanceof Number n ? String.format(Locale.ROOT, format, n.doubleValue()) : "n/a";
    }

    private static Object finite(double v) { return Double.isFinite(v) ? v : null; }

    private static double max(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, v);
        return m;
    }

    /** HTML-escapes text. */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** {@value #EVALUATION} and the report page from the evaluation's facts; returns the page. */
    private static Path writeEvaluationAndPage(Path dir, Map<String, Object> eval, List<String> images) {
        try {
            AtomicFiles.writeBytes(dir.resolve(EVALUATION), JSON.writeValueAsBytes(eval));
            Path html = dir.resolve(HTML);
            AtomicFiles.writeBytes(html, html(JSON.convertValue(eval, Map.class), images, List.of()).getBytes(StandardCharsets.UTF_8));
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
