package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /** Three texts as a JSONL file (ids: a string, none, a number) and each alone. */
    private static final String[] TEXTS = {
        "ὁ λόγος ἦν πρὸς τὸν θεόν, καὶ θεὸς ἦν ὁ λό[.]ος. οὗτος ἦν",
        "καὶ ὁ λόγος σὰρξ ἐγένετο καὶ ἐσκή[3]εν ἐν ἡμῖν",
        "πάντα δι' αὐ[..]ῦ ἐγένετο, καὶ χωρὶς αὐτοῦ ἐγέ[...]ο οὐδὲ ἕν"};

    private Path jsonl() throws Exception {
        ObjectMapper om = new ObjectMapper();
        Path file = dir.resolve("lacunae.jsonl");
        Files.writeString(file, "{\"id\": \"P.Oxy. 1\", \"text\": " + om.writeValueAsString(TEXTS[0]) + "}\n"
                + "{\"text\": " + om.writeValueAsString(TEXTS[1]) + ", \"note\": \"ignored\"}\n\n"
                + "{\"id\": 3, \"text\": " + om.writeValueAsString(TEXTS[2]) + "}\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Restores the JSONL file in one run and asserts that line i is what a single run on text i prints, plus the id. */
    private void batchEqualsSingleRuns(String... options) throws Exception {
        ObjectMapper om = new ObjectMapper();
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("lm", "restore", "--file", jsonl().toString()));
        args.addAll(java.util.List.of(options));
        CliTest.Result batch = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, batch.exit(), batch.err());
        java.util.List<String> lines = batch.out().lines().toList();
        assertEquals(3, lines.size(), "one JSON line per text: " + batch.out());
        String[] ids = {"\"P.Oxy. 1\"", null, "3"};
        for (int i = 0; i < 3; i++) {
            java.util.List<String> single = new java.util.ArrayList<>(java.util.List.of("lm", "restore", "--json"));
            single.addAll(java.util.List.of(options));
            single.add(TEXTS[i]);
            CliTest.Result one = CliTest.run(single.toArray(String[]::new));
            assertEquals(0, one.exit(), one.err());
            com.fasterxml.jackson.databind.node.ObjectNode line = (com.fasterxml.jackson.databind.node.ObjectNode) om.readTree(lines.get(i));
            JsonNode id = line.remove("id");
            assertEquals(ids[i], id == null ? null : id.toString(), lines.get(i));
            assertEquals(om.readTree(one.out()), line, "text " + (i + 1));
        }
        assertEquals(2, om.readTree(lines.get(2)).get("lacunae").size(), lines.get(2));
    }

    @Test
    void aJsonLinesFileIsRestoredInOneRunAsSingleRunsWould() throws Exception {
        Path model = ngramModel();
        batchEqualsSingleRuns("--model", model.toString(), "--top", "3");
        // each text has its own document cache: ΛΟΓΟΣ of text 1 does not leak into text 2
        batchEqualsSingleRuns("--model", model.toString(), "--cache-weight", "0.5");
    }

    @Test
    void aMalformedJsonLineIsAnInputErrorNamingFileAndLine() throws Exception {
        Path model = ngramModel();
        String[][] bad = {
            {"{\"text\": \"ΛΟ[.]ΟΣ\"}\n{\"text\": \"ΛΟ[.ΟΣ\"}\n", ":2: text: '[' at column 3 is not closed"},
            {"{\"text\": \"ΛΟ[.]ΟΣ\"}\n\n{\"text\": \"ΛΟ[.]ΟΣ\"\n", ":3: not JSON"},
            {"[\"ΛΟ[.]ΟΣ\"]\n", ":1: expected a JSON object"},
            {"{\"id\": 1, \"txt\": \"ΛΟ[.]ΟΣ\"}\n", ":1: missing string field \"text\""},
            {"{\"id\": [1], \"text\": \"ΛΟ[.]ΟΣ\"}\n", ":1: \"id\" must be a string or a number"},
            {"{\"text\": \"ΛΟΓΟΣ\"}\n", ":1: text: no lacuna"},
            {"\n\n", ": no texts"}};
        for (String[] b : bad) {
            Path file = dir.resolve("bad.jsonl");
            Files.writeString(file, b[0], StandardCharsets.UTF_8);
            CliTest.Result r = CliTest.run("lm", "restore", "--model", model.toString(), "--file", file.toString());
            assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit(), b[0] + r.out() + r.err());
            assertTrue(r.err().contains(file + b[1]), b[0] + " gives " + r.err());
            assertEquals("", r.out(), "nothing restored before the whole file is checked");
        }
        CliTest.Result r = CliTest.run("lm", "restore", "--model", model.toString(), "--file", dir.resolve("none.jsonl").toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("none.jsonl: no such file"), r.err());
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

    /**
     * Seven lines of ΛΟΓΟΣ ΚΑΙ ΘΕΟΣ (12 letters each) and two without letters: --all scores all 7 × 12 = 84 letters,
     * as one document or, with --lines, as 7; the default split scores the last 5 %: 84 - round(0.95 × 84) = 4 letters.
     * As every line is the same, their mean bits per letter is that of one line read alone.
     */
    @Test
    void evalAllScoresEveryLetterAndLinesAreDocuments() throws Exception {
        Path model = ngramModel();
        Path lines = dir.resolve("lines.txt");
        Files.writeString(lines, "Λόγος καὶ θεός.\n".repeat(3) + "\n· —\n" + "Λόγος καὶ θεός.\n".repeat(4), StandardCharsets.UTF_8);
        ObjectMapper om = new ObjectMapper();
        CliTest.Result r = CliTest.run("lm", "eval", "--model", model.toString(), "--corpus", lines.toString(), "--all", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode stream = om.readTree(r.out());
        assertEquals(84, stream.get("allLetters").asLong(), r.out());
        assertEquals(1, stream.get("allDocuments").asInt(), r.out());
        assertTrue(!stream.has("testBitsPerLetter"), r.out());

        r = CliTest.run("lm", "eval", "--model", model.toString(), "--corpus", lines.toString(), "--all", "--lines", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode byLine = om.readTree(r.out());
        assertEquals(84, byLine.get("allLetters").asLong(), r.out());
        assertEquals(7, byLine.get("allDocuments").asInt(), r.out());
        org.scrollwork.prior.CharModel m = org.scrollwork.prior.PriorModels.load(model);
        double oneLine = m.bitsPerChar(java.util.List.of("ΛΟΓΟΣΚΑΙΘΕΟΣ"));
        assertEquals(oneLine, byLine.get("allBitsPerLetter").asDouble(), 1e-9);
        assertEquals(m.bitsPerChar(java.util.List.of("ΛΟΓΟΣΚΑΙΘΕΟΣ".repeat(7))), stream.get("allBitsPerLetter").asDouble(), 1e-9,
                "without --lines the file is read as one stream");
        assertTrue(Math.abs(stream.get("allBitsPerLetter").asDouble() - oneLine) > 0.01, "the two readings differ: " + stream);

        r = CliTest.run("lm", "eval", "--model", model.toString(), "--corpus", lines.toString(), "--all", "--lines");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(String.format("all: %.3f bits/letter over 84 letters in 7 documents", oneLine)), r.out());

        r = CliTest.run("lm", "eval", "--model", model.toString(), "--corpus", lines.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(4, om.readTree(r.out()).get("testLetters").asLong(), r.out());

        r = CliTest.run("lm", "eval", "--model", model.toString(), "--lines");
        assertEquals(2, r.exit(), "usage error: " + r.err());
        assertTrue(r.err().contains("--lines reads a text file or folder"), r.err());
        r = CliTest.run("lm", "eval", "--help");
        assertTrue(r.out().replaceAll("\\s+", " ").contains("With --all, every letter of the corpus is scored"), r.out());
    }

    @Test
    void aTransformerTrainedFromTheCommandLineResumesEvaluatesAndRestores() throws Exception {
        Path text = dir.resolve("john.txt");
        Files.writeString(text, JOHN.repeat(20), StandardCharsets.UTF_8);
        Path model = dir.resolve("tiny.swtf");
        String[] train = {"lm", "train", "--kind", "transformer", "--corpus", text.toString(), "--out", model.toString(), "--steps", "30",
            "--dim", "16", "--layers", "1", "--heads", "2", "--batch", "4", "--window", "32", "--lr", "0.01", "--checkpoint-every", "10"};
        CliTest.Result r = CliTest.run(train);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Transformer 1x16") && r.out().contains("30 steps") && r.out().contains(model.toString()), r.out());
        byte[] first = Files.readAllBytes(model);
        r = CliTest.run(train);   // the checkpoint is at the last step: nothing left to do, the same model
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("resuming from the checkpoint"), r.err());
        org.junit.jupiter.api.Assertions.assertArrayEquals(first, Files.readAllBytes(model));
        r = CliTest.run("lm", "eval", "--model", model.toString(), "--corpus", text.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        double bits = new ObjectMapper().readTree(r.out()).get("testBitsPerMaskedLetter").asDouble();
        assertTrue(bits > 0 && bits < 6, "bits per masked letter: " + bits);
        r = CliTest.run("lm", "restore", "--model", model.toString(), "--top", "24", "ΛΟ[.]ΟΣ");
        assertEquals(0, r.exit(), r.err());
        assertEquals(24, r.out().lines().filter(l -> l.contains("ln P =")).count(), r.out());
        r = CliTest.run("lm", "restore", "--model", model.toString(), "--json", "καὶ ὁ λόγος ἦν πρὸς τὸν θε[...] καὶ θεὸς ἦν ὁ λόγος");
        assertEquals(0, r.exit(), r.err());
        JsonNode fillings = new ObjectMapper().readTree(r.out()).get("lacunae").get(0).get("fillings");
        assertEquals(5, fillings.size(), r.out());
        for (JsonNode f : fillings) assertEquals(3, f.get("filling").asText().length());
        r = CliTest.run("lm", "restore", "--model", model.toString(), "--dynamic", "ΛΟ[.]ΟΣ");
        assertEquals(2, r.exit(), r.out() + r.err());
        r = CliTest.run("lm", "eval", "--model", model.toString(), "--corpus", text.toString(), "--dynamic");
        assertEquals(2, r.exit(), r.out() + r.err());
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
        // a batch adapts to each text alone: the trained parameters come back before the next text
        batchEqualsSingleRuns("--model", model.toString(), "--dynamic", "--dynamic-lr", "0.5", "--segment", "8");
        r = CliTest.run("lm", "restore", "--model", ngramModel().toString(), "--dynamic", lacunae);
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("--dynamic needs a GRU model"), r.err());
    }

    /**
     * lm train checkpoints to OUT.ckpt and a rerun resumes from it: a run killed at step 15 (checkpoint at 10) and then
     * rerun by the same command writes the same model file, byte for byte, as an uninterrupted run. The kill is made
     * through the library with the settings the command uses; a checkpoint of other settings would be refused.
     */
    @Test
    void lmTrainResumesFromItsCheckpointAndEndsAsAnUninterruptedRun() throws Exception {
        Path text = dir.resolve("john.txt");
        Files.writeString(text, JOHN.repeat(20), StandardCharsets.UTF_8);
        String[] settings = {"--corpus", text.toString(), "--steps", "30", "--hidden", "16", "--batch", "4", "--window", "32",
            "--lr", "0.02", "--checkpoint-every", "10"};
        Path straight = dir.resolve("straight.swlm");
        CliTest.Result r = CliTest.run(concat(new String[] {"lm", "train", "--out", straight.toString()}, settings));
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(dir.resolve("straight.swlm.ckpt")), "checkpoint next to the model");

        Path killed = dir.resolve("killed.swlm");
        org.scrollwork.prior.GreekCorpus.Split split = org.scrollwork.prior.GreekCorpus.open(text.toString()).split();
        java.util.List<String> train = split.train().stream().map(org.scrollwork.prior.GreekCorpus.Book::letters).toList();
        java.util.List<String> val = split.validation().stream().map(org.scrollwork.prior.GreekCorpus.Book::letters).toList();
        // the command's defaults: 2 layers, dropout 0.4, seed 1, input noise 0.05, no weight decay
        RuntimeException kill = new RuntimeException("killed");
        RuntimeException thrown = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> org.scrollwork.prior.CharLm.train(train, val,
                org.scrollwork.prior.CharLmConfig.of(16, 2, 0.4f), new org.scrollwork.prior.CharLmTraining(30, 4, 32, 0.02f, 1, 0.05f, 0f),
                s -> { }, p -> { if (p.step() == 15) throw kill; },
                new org.scrollwork.prior.CharLmCheckpointing(org.scrollwork.prior.CharLmCheckpointing.besides(killed), 10)).close());
        assertEquals(kill, thrown);
        r = CliTest.run(concat(new String[] {"lm", "train", "--out", killed.toString(), "--json"}, settings));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("resuming from the checkpoint " + killed + ".ckpt"), r.err());
        assertEquals(10, new ObjectMapper().readTree(r.out()).get("resumedFromStep").asInt(), r.out());
        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(killed), "the same model, byte for byte");

        // other settings than the checkpoint's: refused, naming the file (exit 3)
        r = CliTest.run(concat(new String[] {"lm", "train", "--out", killed.toString(), "--seed", "2"}, settings));
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("killed.swlm.ckpt") && r.err().contains("checkpoint of another run"), r.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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
