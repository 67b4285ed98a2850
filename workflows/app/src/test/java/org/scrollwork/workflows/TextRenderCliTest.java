package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.pipeline.TrainingRun;

/**
 * render on a text record: the AUNN trained without three letters cannot know them; a "prior" model that saw the
 * whole text (standing in for a distilled one) restores them, and the provenance says the prior decided them.
 */
class TextRenderCliTest {
    @TempDir Path dir;

    private static final String LETTERS = "ΕΝΑΡΧΗΗΝΟΛΟΓΟΣΚΑΙΟΛΟΓΟΣΗΝΠΡΟΣΤΟΝΘΕΟΝΚΑΙΘΕΟΣΗΝΟΛΟΓΟΣ";

    private Path corpus(String name, boolean hide) {
        Path d = dir.resolve(name);
        try (Corpus c = Corpus.create(d, new CorpusOptions(20))) {
            CorpusRecord r = c.appendText(LETTERS.getBytes(StandardCharsets.UTF_8), RecordMeta.of("text/papyrus-form"), OptionalInt.empty());
            if (hide) c.mask(r.id(), 2 * 34, 2 * 37, Role.HELD_OUT); // letters 34..36: ΟΝΚ of ΘΕΟΝΚΑΙ
        }
        return d;
    }

    private static void train(Path corpusDir, Path run) {
        try (Corpus c = Corpus.open(corpusDir)) {
            TrainingRun.run(c, TrainingDefaults.config(64, 2, 128, 1e-2, 300, 1).withEncoding(org.scrollwork.aunn.model.EncodingSpec.binary()).withIndexBits(20), run,
                    new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 300, 300, 128), m -> { });
        }
    }

    @Test
    void readingsWithAndWithoutThePriorAndTheirProvenance() throws Exception {
        Path masked = corpus("masked", true), full = corpus("full", false);
        Path base = dir.resolve("base"), prior = dir.resolve("prior");
        train(masked, base);
        train(full, prior);
        Path out = dir.resolve("text");
        CliTest.Result r = CliTest.run("render", "--corpus", masked.toString(), "--model", base.toString(), "--record", "1",
                "--prior-model", prior.resolve(TrainingRun.SNAPSHOT).toString(), out.toString());
        assertEquals(0, r.exit(), r.err());
        String withPrior = Files.readString(out.resolve("text-1-prior.txt")).trim();
        assertEquals(LETTERS.substring(0, 34) + "[Ο][Ν][Κ]" + LETTERS.substring(37), withPrior, "the model that saw the letters restores them");
        String alone = Files.readString(out.resolve("text-1-aunn.txt")).trim();
        assertTrue(alone.startsWith(LETTERS.substring(0, 34) + "[") && alone.endsWith(LETTERS.substring(37)), alone);
        assertEquals(LETTERS.substring(0, 34) + "???" + LETTERS.substring(37), Files.readString(out.resolve("text-1-evidence.txt")).trim());
        JsonNode prov = new ObjectMapper().readTree(out.resolve("text-1-provenance.json").toFile());
        assertEquals(3, prov.get("hiddenLetters").asInt());
        int decided = 0;
        for (JsonNode l : prov.get("letters")) {
            boolean changed = !l.get("aunn").asText().equals(l.get("withPrior").asText());
            assertEquals(changed, l.get("decidedByPrior").asBoolean());
            if (changed) {
                decided++;
                assertTrue(l.get("klBits").asDouble() > 0.1, l.toString());
            }
        }
        assertEquals(decided, prov.get("decidedByPrior").asInt());
        assertTrue(Files.readString(out.resolve("text-1.html")).contains("class=\"t\""));
    }
}
