package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.prior.PapyrusText;

/**
 * {@code lm train} and {@code lm eval} on a folder of TEI files laid out as canonical-greekLit: three works whose ids
 * put them in train (tlg0012.tlg002), validation (tlg0059.tlg001) and test (tlg0012.tlg001), an English translation, and
 * a test-work verse that the training work already has.
 */
class LmTeiCorpusCliTest {
    @TempDir Path dir;

    private static final String JOHN = "Ἐν ἀρχῇ ἦν ὁ λόγος, καὶ ὁ λόγος ἦν πρὸς τὸν θεόν, καὶ θεὸς ἦν ὁ λόγος. οὗτος ἦν ἐν ἀρχῇ πρὸς "
            + "τὸν θεόν. πάντα δι' αὐτοῦ ἐγένετο, καὶ χωρὶς αὐτοῦ ἐγένετο οὐδὲ ἕν.";
    /** ΕΝΑΡΧΗΗΝΟΛΟΓΟΣΚΑΙΟΛΟΓΟΣΗΝΠΡΟΣΤΟΝΘΕΟΝ: 36 letters. */
    private static final String VERSE = "ἐν ἀρχῇ ἦν ὁ λόγος, καὶ ὁ λόγος ἦν πρὸς τὸν θεόν";

    private static String tei(String lang, String urn, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">\n"
                + "  <teiHeader xml:lang=\"eng\"><fileDesc><titleStmt><title xml:lang=\"grc\">Βίβλος</title></titleStmt></fileDesc></teiHeader>\n"
                + "  <text xml:lang=\"" + lang + "\"><body><div type=\"edition\" n=\"urn:cts:greekLit:" + urn + "\">\n" + body
                + "\n  </div></body></text>\n</TEI>\n";
    }

    private Path corpus() throws Exception {
        Path c = dir.resolve("canonical-greekLit").resolve("data");
        Path homer = Files.createDirectories(c.resolve("tlg0012"));
        Path plato = Files.createDirectories(c.resolve("tlg0059"));
        Files.writeString(homer.resolve("tlg0012.tlg002.perseus-grc2.xml"), tei("grc", "tlg0012.tlg002.perseus-grc2",
                "<p>" + VERSE + "</p>\n" + ("<p>" + JOHN + "</p>\n").repeat(5)));
        Files.writeString(plato.resolve("tlg0059.tlg001.perseus-grc1.xml"), tei("grc", "tlg0059.tlg001.perseus-grc1",
                "<p>λόγος καὶ θεός<note xml:lang=\"grc\">θεὸς θεὸς</note></p>"));
        Files.writeString(homer.resolve("tlg0012.tlg001.perseus-grc2.xml"), tei("grc", "tlg0012.tlg001.perseus-grc2",
                "<l n=\"1\">ὁ λόγος ἦν πρὸς τὸν θεόν</l>\n<l n=\"2\">" + VERSE + ".</l>"));
        Files.writeString(homer.resolve("tlg0012.tlg001.perseus-eng2.xml"), tei("eng", "tlg0012.tlg001.perseus-eng2",
                "<p>The word was with God (<foreign xml:lang=\"grc\">πρὸς τὸν θεόν</foreign>).</p>"));
        return c;
    }

    @Test
    void trainsAndEvaluatesOnATeiFolderSplitByWork() throws Exception {
        Path c = corpus();
        long trainLetters = 36 + 5L * PapyrusText.normalize(JOHN).letters().length();
        Path model = dir.resolve("tei.swng");
        CliTest.Result r = CliTest.run("lm", "train", "--kind", "ngram", "--order", "3", "--corpus", c.toString(), "--out", model.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("corpus: TEI " + c + ": 3 works from 3 files read, 1 files left out"), r.out());
        assertTrue(r.out().contains("1 passages (36 letters) dropped as duplicates"), r.out());
        // validation: ΛΟΓΟΣΚΑΙΘΕΟΣ (the note left out); test: ΟΛΟΓΟΣΗΝΠΡΟΣΤΟΝΘΕΟΝ (its second verse is the training work's)
        assertTrue(r.out().contains("split: train " + trainLetters + " letters in 1 book, validation 12 in 1, test 19 in 1"), r.out());

        r = CliTest.run("lm", "eval", "--model", model.toString(), "--corpus", c.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(19, j.get("testLetters").asLong(), r.out());
        assertEquals(1, j.get("testDocuments").asInt(), r.out());
        assertEquals(12, j.get("validationLetters").asLong(), r.out());
        double bits = j.get("testBitsPerLetter").asDouble();
        assertTrue(bits > 0 && bits < 3, "every word of the test verse is in the training work: " + bits);

        r = CliTest.run("lm", "eval", "--model", model.toString(), "--corpus", c.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(String.format("test: %.3f bits/letter over 19 letters in 1 document", bits)), r.out());
    }

    @Test
    void aMalformedTeiFileStopsWithItsNameAndExitCode3() throws Exception {
        Path c = corpus();
        Path bad = c.resolve("tlg0059").resolve("tlg0059.tlg002.perseus-grc1.xml");
        Files.writeString(bad, "<TEI><text xml:lang=\"grc\"><body><p>λόγος</body></text></TEI>");
        CliTest.Result r = CliTest.run("lm", "train", "--kind", "ngram", "--corpus", c.toString(), "--out", dir.resolve("m.swng").toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains(bad.toString()) && r.err().contains("not well-formed"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }
}
