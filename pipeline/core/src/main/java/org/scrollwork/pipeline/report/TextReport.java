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
            AtomicFiles.writeBytes(dir.resolve(stem + "-provenance.json"), JSON.writeValueAsBytes(TextProvenance.of(t)));
            Path html = dir.resolve(stem + ".html");
            AtomicFiles.writeBytes(html, html(t).getBytes(StandardCharsets.UTF_8));
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write text render in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** What {@code text-report.html.mustache} shows. */
    record View(int record, int hiddenLetters, boolean prior, long decidedByPrior, List<Letter> evidence, List<Letter> aunnAlone, List<Letter> withPrior) {}

    /**
     * One letter of a line: {@code marked} letters (hidden in the evidence, predicted in a reading) get a span of class
     * {@code cls} with the probabilities as {@code title}.
     */
    record Letter(String text, boolean marked, String cls, String title) {}

    static String html(TextRender t) {
        Map<Integer, Provenance> byLetter = new LinkedHashMap<>();
        for (Provenance p : t.hidden()) byLetter.put(p.letter(), p);
        List<Letter> evidence = new ArrayList<>(t.evidence().length());
        for (int i = 0; i < t.evidence().length(); i++) evidence.add(new Letter(String.valueOf(t.evidence().charAt(i)), byLetter.containsKey(i), "hid", null));
        boolean prior = t.withPrior() != null;
        return HtmlTemplates.render("text-report.html.mustache", new View(t.recordId(), t.hidden().size(), prior, prior ? t.decidedByPrior() : 0,
                evidence, letters(t, byLetter, false), prior ? letters(t, byLetter, true) : List.of()));
    }

    private static List<Letter> letters(TextRender t, Map<Integer, Provenance> byLetter, boolean prior) {
        List<Letter> out = new ArrayList<>(t.evidence().length());
        for (int i = 0; i < t.evidence().length(); i++) {
            Provenance p = byLetter.get(i);
            if (p == null) {
                out.add(new Letter(String.valueOf(t.evidence().charAt(i)), false, null, null));
                continue;
            }
            String cls = t.withPrior() != null && p.topBefore() != p.topAfter() ? "prior" : "same";
            String title = String.format(Locale.ROOT, "AUNN %c %.2f%s", p.topBefore(), p.pBefore(),
                    t.withPrior() != null ? String.format(Locale.ROOT, ", with prior %c %.2f, KL %.2f bits", p.topAfter(), p.pAfter(), p.klBits()) : "");
            out.add(new Letter(String.valueOf(prior ? p.topAfter() : p.topBefore()), true, cls, title));
        }
        return out;
    }
}
