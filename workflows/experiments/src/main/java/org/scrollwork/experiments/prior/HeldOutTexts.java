package org.scrollwork.experiments.prior;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.prior.GreekCorpus;
import org.scrollwork.prior.PapyrusText;

/**
 * Which texts a prior experiment scores as its test: the SBLGNT's test books (62–66, the default), the built-in set of
 * Greek outside the New Testament ({@value #OUTSIDE_NT}: the openings of the Iliad, the Odyssey, Hesiod's Theogony,
 * Herodotus, Thucydides and Plato's Apology, one work per line, about 2,700 letters; epic and Ionic verse, history and
 * Attic prose, genres and dialects the NT lacks), or a UTF-8 text file whose every line is a document. Validation (where
 * weights are chosen) stays the SBLGNT's.
 */
sealed interface HeldOutTexts {

    String OUTSIDE_NT = "outside-nt";

    /** The SBLGNT's test books. */
    record TestBooks() implements HeldOutTexts {}

    /** Documents given by the setting: their letters, and what they are. */
    record Documents(List<String> letters, String description) implements HeldOutTexts {
        public Documents {
            letters = List.copyOf(letters);
        }
    }

    /** The {@code heldout} setting: {@code sblgnt} (default), {@value #OUTSIDE_NT}, or a text file (one document per line). */
    static HeldOutTexts from(ExperimentConfig c) {
        String v = c.stringValue("heldout", "sblgnt");
        if (v.equals("sblgnt")) return new TestBooks();
        if (v.equals(OUTSIDE_NT)) return builtIn();
        GreekCorpus corpus = GreekCorpus.fromText(Path.of(v), true);
        return documents(corpus.books().stream().map(GreekCorpus.Book::letters).toList(), "the lines of " + v);
    }

    /** The built-in set of Greek outside the New Testament. */
    static Documents builtIn() {
        String resource = "experiments/heldout/" + OUTSIDE_NT + ".txt";
        try (InputStream in = HeldOutTexts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> docs = Arrays.stream(text.split("\n")).map(l -> PapyrusText.normalize(l).letters()).filter(l -> !l.isEmpty()).toList();
            return documents(docs, "Greek outside the New Testament (Homer, Hesiod, Herodotus, Thucydides, Plato)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Documents documents(List<String> docs, String what) {
        long letters = docs.stream().mapToLong(String::length).sum();
        return new Documents(docs, String.format(Locale.ROOT, "%s: %d letters in %d documents", what, letters, docs.size()));
    }
}
