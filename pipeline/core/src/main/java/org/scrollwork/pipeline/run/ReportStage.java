package org.scrollwork.pipeline.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scrollwork.pipeline.report.Plots;
import org.scrollwork.pipeline.report.ReconstructionReport;
import org.scrollwork.pipeline.report.ReconstructionReport.Section;

/**
 * Report: {@code report/report.html} written again with everything the run did after the held-out-slice results: the
 * stages with their times and numbers, the distillation loss curve ({@code plots/distill.png}), the text readings
 * without and with the prior (scores, and the render stage's page embedded, where the prior's letters are marked), and
 * the predicted letters over the scan.
 */
final class ReportStage implements Stage<ReportResult> {
    static final String NAME = "report";

    @Override public String name() { return NAME; }

    @Override public Class<ReportResult> resultType() { return ReportResult.class; }

    @Override public ReportResult run(StageContext ctx) {
        RunDirectory d = ctx.dir();
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("Pipeline stages", stages(d)));
        ctx.distill().ifPresent(distill -> sections.add(new Section("Distilling the language prior", distill(d, distill))));
        RenderResult render = ctx.render();
        EvaluateResult evaluate = ctx.evaluate();
        if (render.hasText()) sections.add(new Section("Text: readings with and without the language prior", text(render, evaluate)));
        if (render.hasOverlay()) sections.add(new Section("Predicted text over the scan", overlay(render)));
        Path html = ReconstructionReport.rewrite(d.report(), sections);
        ctx.log("report: " + html.toAbsolutePath());
        return new ReportResult(ctx.relative(html));
    }

    private static String stages(RunDirectory d) {
        StringBuilder b = new StringBuilder("<table><tr><th>stage</th><th>seconds</th><th>outputs and numbers</th></tr>\n");
        for (String s : PipelineRun.STAGES) {
            StageMarker m = d.finished(s).orElse(null);
            if (m == null) continue;
            StringBuilder facts = new StringBuilder();
            m.toJson().fields().forEachRemaining(e -> { // every field of the stage's result, as in its marker
                if (List.of("stage", "finished", "seconds").contains(e.getKey())) return;
                facts.append(e.getKey()).append(": ").append(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()).append("; ");
            });
            b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.1f</td><td style=\"text-align:left;font-size:12px\">%s</td></tr>%n", s,
                    m.seconds() == null ? 0.0 : m.seconds(), ReconstructionReport.esc(facts.toString())));
        }
        return b.append("</table>").toString();
    }

    private static String distill(RunDirectory d, DistillResult m) {
        Path metrics = d.resolve(m.metrics());
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                JsonNode j = RunDirectory.JSON.readTree(line);
                x.add(j.get("step").asDouble());
                y.add(j.get("targetBitsPerByte").asDouble());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics + ": " + e.getMessage(), e);
        }
        Plots.writePng(Plots.linePlot("Distillation", "step", "target bits per byte", List.of(new Plots.Series("targets",
                x.stream().mapToDouble(Double::doubleValue).toArray(), y.stream().mapToDouble(Double::doubleValue).toArray()))), d.report().resolve("plots/distill.png"));
        return String.format(Locale.ROOT, "<p>Prior: %s (%s). %d steps; the prior changed the AUNN's top letter at %d of %d hidden letters "
                + "(mean KL %.3f bits). Per-letter provenance: <a href=\"../%s\">%s</a>.</p>%n<p><img src=\"plots/distill.png\" alt=\"distillation loss\"></p>",
                ReconstructionReport.esc(m.priorModel()), ReconstructionReport.esc(m.priorText() == null ? "" : m.priorText()), m.steps(),
                m.changedTopLetters(), m.hiddenLetters(), m.meanKlBits(), m.provenance(), m.provenance());
    }

    private static String text(RenderResult render, EvaluateResult evaluate) {
        StringBuilder b = new StringBuilder();
        EvaluateResult.TextScore t = evaluate.text();
        if (t != null) {
            b.append("<table><tr><th>hidden letters</th><th>right, AUNN alone</th><th>right, with the prior</th><th>decided by the prior</th><th>of those right</th></tr>\n")
                    .append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td></tr></table>%n", t.hiddenLetters(),
                            t.correctAunnAlone(), orDash(t.correctWithPrior()), orDash(t.decidedByPrior()), orDash(t.decidedByPriorCorrect())));
        }
        String page = "../" + render.textPage();
        b.append("<p>Orange letters: the prior changed the AUNN's letter; green: the same with and without it (<a href=\"").append(page)
                .append("\">open the page</a>; readings and provenance JSON beside it).</p>\n<iframe src=\"").append(page)
                .append("\" style=\"width:100%;height:480px;border:1px solid #ddd\"></iframe>");
        return b.toString();
    }

    private static String orDash(Integer n) { return n == null ? "–" : n.toString(); }

    private static String overlay(RenderResult render) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "<p>Every ink voxel of a letter in the region carries the number of the letter the run reads "
                + "there (1 = Α … 24 = Ω; the values of the phantom's letter label volume): %d letter voxels, %d with the transcription's letter "
                + "(%d with the AUNN alone). The TIFF is calibrated like the scan: open it in Fiji over the scan's region render.</p>%n",
                render.overlayLetterVoxels(), render.overlayCorrectVoxels(), render.overlayCorrectVoxelsAunnAlone()));
        b.append("<ul>");
        String png = null;
        for (String f : render.overlay()) {
            b.append("<li><a href=\"../").append(f).append("\">").append(f).append("</a></li>");
            if (f.endsWith(".png")) png = f;
        }
        b.append("</ul>\n");
        if (png != null) b.append("<p><img src=\"../").append(png).append("\" alt=\"predicted letters over the scan\"></p>");
        return b.toString();
    }
}
