package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.model.BodySpec;
import org.scrollwork.aunn.snapshot.Snapshot;

/** train --body moe: the snapshot stores the sigma-MoE body; eval reads it back; a bad top-k is a one-line error. */
class TrainMoeCliTest {
    @TempDir Path dir;

    @Test
    void trainsAMixtureOfExpertsBodyAndStoresItInTheSnapshot() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "papyrus ".repeat(64));
        String corpus = dir.resolve("corpus").toString(), run = dir.resolve("run").toString();
        assertEquals(0, CliTest.run("ingest", "--corpus", corpus, "--text", text.toString()).exit());
        CliTest.Result t = CliTest.run("train", "--corpus", corpus, "--run", run, "--steps", "10", "--width", "32", "--depth", "2", "--batch", "64",
                "--body", "moe", "--experts", "4", "--top-k", "2");
        assertEquals(0, t.exit(), t.err());
        assertEquals(BodySpec.moe(4, 2, 8, 0.0), Snapshot.readHeader(Path.of(run, "model.aunn")).config().body());

        CliTest.Result bad = CliTest.run("train", "--corpus", corpus, "--run", dir.resolve("run2").toString(), "--steps", "10", "--width", "32",
                "--body", "moe", "--experts", "4", "--top-k", "5");
        assertEquals(ScrollworkCli.EXIT_FAILURE, bad.exit());
        assertTrue(bad.err().contains("--body moe: topK must be in 1..4: 5"), bad.err());
    }
}
