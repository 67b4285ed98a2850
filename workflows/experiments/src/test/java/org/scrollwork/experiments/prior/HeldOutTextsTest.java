package org.scrollwork.experiments.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.phantom.GreekText;
import org.scrollwork.prior.PapyrusText;

/** The {@code heldout} setting of prior-eval: the SBLGNT's test books, the built-in texts outside the NT, or a file. */
class HeldOutTextsTest {

    @Test
    void theDefaultIsTheTestBooks() {
        assertEquals(new HeldOutTexts.TestBooks(), HeldOutTexts.from(ExperimentConfig.empty()));
        assertEquals(new HeldOutTexts.TestBooks(), HeldOutTexts.from(ExperimentConfig.empty().with("heldout", "sblgnt")));
    }

    @Test
    void theBuiltInSetIsSixWorksOutsideTheNewTestament() {
        HeldOutTexts.Documents d = assertInstanceOf(HeldOutTexts.Documents.class, HeldOutTexts.from(ExperimentConfig.empty().with("heldout", "outside-nt")));
        assertEquals(6, d.letters().size());
        assertTrue(d.letters().get(0).startsWith("ΜΗΝΙΝΑΕΙΔΕΘΕΑΠΗΛΗΙΑΔΕΩΑΧΙΛΗΟΣ"), d.letters().get(0));
        assertTrue(d.letters().get(1).startsWith("ΑΝΔΡΑΜΟΙΕΝΝΕΠΕΜΟΥΣΑΠΟΛΥΤΡΟΠΟΝ"), d.letters().get(1));
        // the Apology's opening, as the phantom module writes it into the demo's ink (an independent copy of the text)
        assertEquals(PapyrusText.normalize(GreekText.DEFAULT_PASSAGE).letters(), d.letters().get(5));
        int letters = d.letters().stream().mapToInt(String::length).sum();
        assertTrue(letters > 2500 && letters < 3000, "letters: " + letters);
        assertTrue(d.description().contains(letters + " letters in 6 documents"), d.description());
    }

    @Test
    void aFileGivesOneDocumentPerLineWithLetters(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("verses.txt");
        Files.writeString(f, "ἐν ἀρχῇ ἦν ὁ λόγος\n\n123 --\nκαὶ ὁ λόγος ἦν πρὸς τὸν θεόν\n");
        HeldOutTexts.Documents d = assertInstanceOf(HeldOutTexts.Documents.class, HeldOutTexts.from(ExperimentConfig.empty().with("heldout", f.toString())));
        assertEquals(List.of("ΕΝΑΡΧΗΗΝΟΛΟΓΟΣ", "ΚΑΙΟΛΟΓΟΣΗΝΠΡΟΣΤΟΝΘΕΟΝ"), d.letters());
    }
}
