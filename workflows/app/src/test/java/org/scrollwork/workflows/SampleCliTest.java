package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sample: a periodic prompt after the end of the list is continued exactly; the snapshot is not changed; report finds the eval report. */
class SampleCliTest {
    @TempDir Path dir;

    @Test
    void continuesAPeriodicPromptAndLeavesTheSnapshotAlone() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "papyrus ".repeat(64));
        String corpus = dir.resolve("corpus").toString(), run = dir.resolve("run").toString();
        assertEquals(0, CliTest.run("ingest", "--corpus", corpus, "--text", text.toString()).exit());
        CliTest.Result t = CliTest.run("train", "--corpus", corpus, "--run", run, "--steps", "10", "--width", "64", "--depth", "2", "--batch", "256");
        assertEquals(0, t.exit(), t.err());
        Path snapshot = Path.of(run, "model.aunn");
        byte[] before = Files.readAllBytes(snapshot);

        Path saved = dir.resolve("conditioned.aunn");
        CliTest.Result s = CliTest.run("sample", "--corpus", corpus, "--model", run, "--prompt", "wxyz".repeat(16), "--count", "8",
                "--save", saved.toString(), "--json");
        assertEquals(0, s.exit(), s.err());
        JsonNode j = new ObjectMapper().readTree(s.out());
        assertEquals(0, j.get("promptStart").asLong() % 4096);
        assertEquals("wxyzwxyz", j.get("text").asText(), s.out());
        assertArrayEquals(before, Files.readAllBytes(snapshot), "the base snapshot is only read");
        assertTrue(Files.size(saved) > 0);

        CliTest.Result r = CliTest.run("report", run);
        assertEquals(ScrollworkCli.EXIT_FAILURE, r.exit());
        assertTrue(r.err().contains("has no report.html yet") && r.err().contains("scrollwork eval"), r.err());
    }
}
