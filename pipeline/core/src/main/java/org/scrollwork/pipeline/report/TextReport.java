package org.scrollwork.pipeline.report;

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
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.pipeline.distill.Provenance;
import org.scrollwork.pipeline.render.TextRender;

/**
 * Writes a {@link TextRender} into a directory: {@code text-N-evidence.txt} (hidden letters as {@code ?}),
 * {@code text-N-aunn.txt} (filled by the AUNN alone), {@code text-N-prior.txt} (filled with the language prior,
 * when there is one), {@code text-N-provenance.json} (per hidden letter: index, both readings with their
 * probabilities, KL in bits, whether the prior changed it) and {@code text-N.html}, where every predicted letter
 * is highlighted: green when both readings agree, orange where the prior decided it.
 */
public final class TextReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TextReport() {}

    /** Writes the files and returns the HTML page. */
    public static Path write(Path dir, TextRender t) {
        String stem = "text-" + t.recordId();
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeBytes(dir.resolve(stem + "-evidence.txt"), (t.evidence() + "\n").getBytes(StandardCharsets.UTF_8));
            AtomicFiles.writeBytes(dir.resolve(stem + "-aunn.txt"), (t.withoutPrior() + "\n").getBytes(StandardCharsets.UTF_8));
            if (t.withPrior() != null) AtomicFiles.writeBytes(dir.resolve(stem + "-prior.txt"), (t.withPrior() + "\n").getBytes(StandardCharsets.UTF_8));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Provenance p : t.hidden()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("letter", p.letter());
                m.put("index", p.index());
                m.put("aunn", String.valueOf(p.topBefore()));
                m.put("pAunn", p.pBefore());
                if (t.withPrior() != null) {
                    m.put("withPrior", String.valueOf(p.topAfter()));
                    m.put("pWithPrior", p.pAfter());
                    m.put("klBits", p.klBits());
                    m.put("decidedByPrior", p.topBefore() != p.topAfter());
                }
                rows.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("record", t.recordId());
            doc.put("hiddenLetters", t.hidden().size());
            if (t.withPrior() != null) doc.put("decidedByPrior", t.decidedByPrior());
            doc.put("letters", rows);
            AtomicFiles.writeBytes(dir.resolve(stem + "-provenance.json"), JSON.writeValueAsBytes(doc));
            Path html = dir.resolve(stem + ".html");
            AtomicFiles.writeBytes(html, html(t).getBytes(StandardCharsets.UTF_8));
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write text render in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String html(TextRender t) {
        Map<Integer, Provenance> byLetter = new LinkedHashMap<>();
        for (Provenance p : t.hidden()) byLetter.put(p.letter(), p);
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Text record ")
                .append(t.recordId()).append("</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}")
                .append(".t{font-family:serif;font-size:20px;letter-spacing:2px;word-break:break-all;line-height:1.6}")
                .append(".same{background:#c8f0c8}.prior{background:#ffc870}.hid{color:#999}</style></head><body>\n")
                .append("<h1>Text record ").append(t.recordId()).append("</h1>\n<p>").append(t.hidden().size())
                .append(" hidden letters.");
        if (t.withPrior() != null) {
            b.append(" <span class=\"prior\">Orange</span>: the language prior changed the AUNN's letter (")
                    .append(t.decidedByPrior()).append("); <span class=\"same\">green</span>: the same with and without the prior.");
        }
        b.append(" Hover a letter for its probabilities.</p>\n<h2>Evidence (the corpus)</h2>\n<p class=\"t\">");
        for (int i = 0; i < t.evidence().length(); i++) {
            char c = t.evidence().charAt(i);
            b.append(byLetter.containsKey(i) ? "<span class=\"hid\">·</span>" : String.valueOf(c));
        }
        b.append("</p>\n<h2>AUNN alone</h2>\n<p class=\"t\">").append(line(t, byLetter, false)).append("</p>\n");
        if (t.withPrior() != null) b.append("<h2>AUNN with the language prior</h2>\n<p class=\"t\">").append(line(t, byLetter, true)).append("</p>\n");
        return b.append("</body></html>\n").toString();
    }

    private static String line(TextRender t, Map<Integer, Provenance> byLetter, boolean prior) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.evidence().length(); i++) {
            Provenance p = byLetter.get(i);
            if (p == null) {
                b.append(t.evidence().charAt(i));
                continue;
            }
            char c = prior ? p.topAfter() : p.topBefore();
            String cls = t.withPrior() != null && p.topBefore() != p.topAfter() ? "prior" : "same";
            b.append(String.format(Locale.ROOT, "<span class=\"%s\" title=\"AUNN %c %.2f%s\">%c</span>", cls, p.topBefore(), p.pBefore(),
                    t.withPrior() != null ? String.format(Locale.ROOT, ", with prior %c %.2f, KL %.2f bits", p.topAfter(), p.pAfter(), p.klBits()) : "", c));
        }
        return b.toString();
    }
}
