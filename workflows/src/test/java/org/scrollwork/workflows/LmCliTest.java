package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmCliTest {
    @TempDir Path dir;

    /** John 1:1-5 and 1:14, repeated as a tiny corpus; ΛΟΓΟΣ and ΚΑΙ are its most frequent words. */
    private static final String JOHN = "Ἐν ἀρχῇ ἦν ὁ λόγος, καὶ ὁ λόγος ἦν πρὸς τὸν θεόν, καὶ θεὸς ἦν ὁ λόγος. οὗτος ἦν ἐν ἀρχῇ πρὸς "
            + "τὸν θεόν. πάντα δι' αὐτοῦ ἐγένετο, καὶ χωρὶς αὐτοῦ ἐγένετο οὐδὲ ἕν. ὃ γέγονεν ἐν αὐτῷ ζωὴ ἦν, καὶ ἡ ζωὴ ἦν τὸ "
            + "φῶς τῶν ἀνθρώπων· καὶ τὸ φῶς ἐν τῇ σκοτίᾳ φαίνει, καὶ ἡ σκοτία αὐτὸ οὐ κατέλαβεν. Καὶ ὁ λόγος σὰρξ ἐγένετο "
            + "καὶ ἐσκήνωσεν ἐν ἡμῖν.\n";

    private Path ngramModel() throws Exception {
        Path text = dir.resolve("john.txt");
        Files.writeString(text, JOHN.repeat(20), StandardCharsets.UTF_8);
        Path model = dir.resolve("john.swng");
        CliTest.Result r = CliTest.run("lm", "train", "--kind", "ngram", "--order", "5", "--corpus", text.toString(), "--out", model.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("5-gram") && r.out().contains(model.toString()), r.out());
        return model;
    }

    @Test
    void restoreFillsTheMaskedLetterOfAFrequentWordFirst() throws Exception {
        Path model = ngramModel();
        CliTest.Result r = CliTest.run("lm", "restore", "--model", model.toString(), "ὁ λόγος ἦν πρὸς τὸν θεόν, καὶ θεὸς ἦν ὁ λό[.]ος. οὗτος ἦν");
        assertEquals(0, r.exit(), r.err());
        String first = r.out().lines().filter(l -> l.strip().startsWith("1.")).findFirst().orElseThrow();
        assertTrue(first.strip().startsWith("1. Γ "), r.out());
        assertEquals(5, r.out().lines().filter(l -> l.matches("\\s+\\d\\. .*ln P = -?\\d+\\.\\d+")).count(), "top 5 by default: " + r.out());
        assertTrue(r.out().contains("reading: ΟΛΟΓΟΣΗΝΠΡΟΣΤΟΝΘΕΟΝΚΑΙΘΕΟΣΗΝΟΛΟ[Γ]ΟΣΟΥΤΟΣΗΝ"), r.out());

        Path file = dir.resolve("lacunae.txt");
        Files.writeString(file, "καὶ ὁ λόγος σὰρξ ἐγένετο\nκαὶ ἐσκή[3]εν ἐν ἡμῖν", StandardCharsets.UTF_8);
        r = CliTest.run("lm", "restore", "--model", model.toString(), "--file", file.toString(), "--json", "--top", "3");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("ΝΩΣ", j.get("lacunae").get(0).get("fillings").get(0).get("filling").asText());
        assertTrue(j.get("reading").asText().endsWith("ΚΑΙΕΣΚΗ[ΝΩΣ]ΕΝΕΝΗΜΙΝ"), j.toString());
        assertEquals(3, j.get("lacunae").get(0).get("fillings").size());
    }

    @Test
    void aDocumentCacheRestoresANameTheTextUsesElsewhere() throws Exception {
        Path model = ngramModel();   // John: never saw ΜΕΛΧΙΣΕΔΕΚ
        String hebrews = "Οὗτος γὰρ ὁ Μελχισέδεκ, βασιλεὺς Σαλήμ, ἱερεὺς τοῦ θεοῦ τοῦ ὑψίστου, ὁ συναντήσας Ἀβραὰμ. "
                + "κατὰ τὴν τάξιν Μελχισέδεκ ἀνίσταται ἱερεὺς ἕτερος, καὶ ὁ Μελ[...]έδεκ εὐλόγησεν αὐτόν.";
        CliTest.Result plain = CliTest.run("lm", "restore", "--model", model.toString(), "--json", hebrews);
        assertEquals(0, plain.exit(), plain.err());
        String without = new ObjectMapper().readTree(plain.out()).get("lacunae").get(0).get("fillings").get(0).get("filling").asText();
        assertTrue(!without.equals("ΧΙΣ"), "the model alone does not know the name: " + plain.out());
        CliTest.Result cached = CliTest.run("lm", "restore", "--model", model.toString(), "--cache-weight", "0.5", "--json", hebrews);
        assertEquals(0, cached.exit(), cached.err());
        JsonNode j = new ObjectMapper().readTree(cached.out());
        assertEquals("ΧΙΣ", j.get("lacunae").get(0).get("fillings").get(0).get("filling").asText(), cached.out());
        assertTrue(j.get("model").asText().contains("document cache (8-gram, weight 0.50)"), j.toString());

        CliTest.Result bad = CliTest.run("lm", "restore", "--model", model.toString(), "--cache-weight", "1", hebrews);
        assertEquals(2, bad.exit(), "usage error");
        assertTrue(bad.err().contains("--cache-weight"), bad.err());
    }

    @Test
    void evalPrintsBitsPerLetterAsTextAndJson() throws Exception {
        Path model = ngramModel();
        Path text = dir.resolve("john.txt");
        CliTest.Result r = CliTest.run("lm", "eval", "--model", model.toString(), "--corpus", text.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        double bits = j.get("testBitsPerLetter").asDouble();
        // the test part repeats the training text: far below the 4.585 bits of a uniform guess, above zero
        assertTrue(bits > 0 && bits < 1.0, "bits " + bits);
        r = CliTest.run("lm", "eval", "--model", model.toString(), "--corpus", text.toString());
        assertTrue(r.out().contains(String.format("test: %.3f bits/letter", bits)), r.out());
    }

    @Test
    void aGruTrainedFromTheCommandLineLoadsForEvalAndRestore() throws Exception {
        Path text = dir.resolve("john.txt");
        Files.writeString(text, JOHN.repeat(20), StandardCharsets.UTF_8);
        Path model = dir.resolve("tiny.swlm");
        CliTest.Result r = CliTest.run("lm", "train", "--corpus", text.toString(), "--out", model.toString(), "--steps", "40",
                "--hidden", "16", "--batch", "4", "--window", "32", "--lr", "0.02");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("GRU 2x16") && r.out().contains("40 steps") && r.out().contains(model.toString()), r.out());
        r = CliTest.run("lm", "eval", "--model", model.toString(), "--corpus", text.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        double bits = new ObjectMapper().readTree(r.out()).get("testBitsPerLetter").asDouble();
        assertTrue(bits > 1 && bits < Math.log(24) / Math.log(2), "40 steps learn something, not everything: " + bits);
        // the plumbing of --dynamic (its learning is tested in CharLmDynamicEvaluationTest): a zero step gives the static scores
        r = CliTest.run("lm", "eval", "--model", model.toString(), "--corpus", text.toString(), "--json", "--dynamic", "--dynamic-lr", "0");
        assertEquals(0, r.exit(), r.err());
        JsonNode dyn = new ObjectMapper().readTree(r.out());
        assertEquals(bits, dyn.get("testBitsPerLetter").asDouble(), 1e-9);
        assertEquals(bits, dyn.get("dynamic").get("testBitsPerLetter").asDouble(), 1e-4, dyn.toString());
        assertEquals(32, dyn.get("dynamic").get("segment").asInt());
        r = CliTest.run("lm", "eval", "--model", ngramModel().toString(), "--corpus", text.toString(), "--dynamic");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--dynamic needs a GRU model"), r.err());
        r = CliTest.run("lm", "restore", "--model", model.toString(), "--top", "24", "ΛΟ[.]ΟΣ");
        assertEquals(0, r.exit(), r.err());
        assertEquals(24, r.out().lines().filter(l -> l.contains("ln P =")).count(), r.out());
        // restore --dynamic: a zero step restores exactly as the static model does; a real one says it adapted
        String lacunae = "καὶ ὁ λόγος ἦν πρὸς τὸν θε[..], καὶ θεὸς ἦν ὁ λόγος";
        JsonNode plain = new ObjectMapper().readTree(CliTest.run("lm", "restore", "--model", model.toString(), "--json", lacunae).out());
        r = CliTest.run("lm", "restore", "--model", model.toString(), "--json", "--dynamic", "--dynamic-lr", "0", lacunae);
        assertEquals(0, r.exit(), r.err());
        JsonNode zero = new ObjectMapper().readTree(r.out());
        for (int i = 0; i < 5; i++) {
            JsonNode a = plain.get("lacunae").get(0).get("fillings").get(i), b = zero.get("lacunae").get(0).get("fillings").get(i);
            assertEquals(a.get("filling").asText(), b.get("filling").asText(), r.out());
            assertEquals(a.get("logProb").asDouble(), b.get("logProb").asDouble(), 1e-3, r.out());
        }
        r = CliTest.run("lm", "restore", "--model", model.toString(), "--dynamic", lacunae);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("adapted to the text (segments of 32, lr 0.1)"), r.out());
        r = CliTest.run("lm", "restore", "--model", ngramModel().toString(), "--dynamic", lacunae);
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--dynamic needs a GRU model"), r.err());
    }

    @Test
    void missingCorruptOrMalformedInputGivesAClearErrorAndExitCode() throws Exception {
        CliTest.Result r = CliTest.run("lm", "restore", "--model", dir.resolve("none.swlm").toString(), "ΛΟ[.]ΟΣ");
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("none.swlm") && r.err().contains("no such file"), r.err());

        Path model = ngramModel();
        byte[] b = Files.readAllBytes(model);
        b[b.length / 2] ^= 4;
        Path corrupt = dir.resolve("corrupt.swng");
        Files.write(corrupt, b);
        r = CliTest.run("lm", "restore", "--model", corrupt.toString(), "ΛΟ[.]ΟΣ");
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("corrupt.swng") && r.err().contains("checksum"), r.err());

        Path notModel = dir.resolve("john.txt");
        r = CliTest.run("lm", "eval", "--model", notModel.toString(), "--corpus", notModel.toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("john.txt") && r.err().contains("bad magic"), r.err());

        r = CliTest.run("lm", "restore", "--model", model.toString(), "ΛΟ[ΓΟΣ");
        assertEquals(2, r.exit(), "usage error");
        assertTrue(r.err().contains("not closed"), r.err());
    }
}
