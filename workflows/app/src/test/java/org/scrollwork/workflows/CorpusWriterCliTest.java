package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.workflows.CliTest.Result;

/** A second writer of a corpus: one line and exit code 4, or {@code ingest --wait}; leftovers of a killed writer are cleaned and reported. */
class CorpusWriterCliTest {
    @TempDir Path dir;

    private Path corpusWithOneText() throws IOException {
        Path text = dir.resolve("a.txt");
        Files.writeString(text, "alpha beta", StandardCharsets.UTF_8);
        Path c = dir.resolve("c");
        Result r = CliTest.run("ingest", "--corpus", c.toString(), "--text", text.toString());
        assertEquals(0, r.exit(), r.err());
        return c;
    }

    @Test
    void aSecondWriterGetsOneLineAndExitCodeFour() throws IOException {
        Path c = corpusWithOneText();
        try (Corpus holder = Corpus.open(c)) {
            holder.lockForWriting(false);
            Result r = CliTest.run("ingest", "--corpus", c.toString(), "--text", dir.resolve("a.txt").toString());
            assertEquals(ScrollworkCli.EXIT_BUSY, r.exit(), r.err());
            assertEquals(4, ScrollworkCli.EXIT_BUSY);
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("scrollwork: " + c.resolve("lock") + ": another process"), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        }
        try (Corpus after = Corpus.open(c)) {
            assertEquals(2, after.records().size(), "the refused writer wrote nothing");
        }
    }

    @Test
    void ingestWaitQueuesBehindTheWriter() throws Exception {
        Path c = corpusWithOneText();
        Corpus holder = Corpus.open(c);
        holder.lockForWriting(false);
        CompletableFuture<Result> waiting = CompletableFuture.supplyAsync(
                () -> CliTest.run("ingest", "--wait", "--corpus", c.toString(), "--text", dir.resolve("a.txt").toString()));
        Thread.sleep(500);
        assertFalse(waiting.isDone(), "ingest --wait must wait while another writer holds the lock");
        holder.close();
        Result r = waiting.get(20, TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("waiting for another writer of " + c), r.err());
        try (Corpus after = Corpus.open(c)) {
            assertEquals(4, after.records().size());
            assertTrue(after.verify().ok());
        }
    }

    @Test
    void leftoversOfAKilledIngestAreRemovedAndReportedInOneLine() throws IOException {
        Path c = corpusWithOneText();
        byte[] segment = Files.readAllBytes(c.resolve("seg-00000001.dat"));
        byte[] manifestBefore = Files.readAllBytes(c.resolve("manifest.json"));
        Files.write(c.resolve(".seg-00000002.dat.tmp"), new byte[1 << 16]);
        Files.write(c.resolve("seg-00000003.dat"), new byte[100]);
        Result verify = CliTest.run("verify", c.toString());
        assertEquals(0, verify.exit(), verify.err());
        assertArrayEquals(manifestBefore, Files.readAllBytes(c.resolve("manifest.json")));
        Result r = CliTest.run("ingest", "--corpus", c.toString(), "--text", dir.resolve("a.txt").toString());
        assertEquals(0, r.exit(), r.err());
        String line = r.err().lines().filter(l -> l.contains("leftover")).findFirst().orElseThrow(() -> new AssertionError(r.err()));
        assertTrue(line.contains("removed 2 leftover file(s)") && line.contains(".seg-00000002.dat.tmp") && line.contains("seg-00000003.dat"), line);
        assertFalse(Files.exists(c.resolve(".seg-00000002.dat.tmp")));
        assertArrayEquals(segment, Files.readAllBytes(c.resolve("seg-00000001.dat")), "committed data stays byte-identical");
        try (Corpus after = Corpus.open(c)) {
            assertEquals(4, after.records().size());
            assertTrue(after.verify().ok());
        }
    }
}
