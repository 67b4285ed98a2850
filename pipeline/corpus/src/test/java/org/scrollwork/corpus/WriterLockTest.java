package org.scrollwork.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer at a time: a second one is refused with {@link CorpusBusyException}, or waits until the first closes. */
class WriterLockTest {
    @TempDir Path dir;

    @Test
    void aSecondWriterIsBusyOrWaits() throws Exception {
        try (Corpus c = Corpus.create(dir, CorpusOptions.defaults())) {
            c.appendText("first", RecordMeta.of("text"));
        }
        Corpus first = Corpus.open(dir);
        first.lockForWriting(false);
        try (Corpus second = Corpus.open(dir)) {
            CorpusBusyException e = assertThrows(CorpusBusyException.class, () -> second.lockForWriting(false));
            assertEquals(dir.resolve("lock"), e.lockFile());
            assertTrue(e.getMessage().startsWith(dir.resolve("lock") + ": another process"), e.getMessage());
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                second.lockForWriting(true);
                second.appendText("second", RecordMeta.of("text"));
            });
            Thread.sleep(400);
            assertTrue(!waiting.isDone(), "the waiting writer must not write while the first holds the lock");
            first.appendText("by the first", RecordMeta.of("text"));
            first.close();
            waiting.get(10, TimeUnit.SECONDS);
        }
        try (Corpus c = Corpus.open(dir)) {
            assertEquals(6, c.records().size());
            assertEquals('b', c.byteAt(c.record(3).offset()));
            assertEquals('s', c.byteAt(c.record(5).offset()));
        }
    }

    @Test
    void twoWritersCreatingTheSameCorpusCreateItOnce() throws Exception {
        Path fresh = dir.resolve("new");
        try (Corpus first = Corpus.openOrCreateForWriting(fresh, CorpusOptions.defaults(), false)) {
            assertThrows(CorpusBusyException.class, () -> Corpus.openOrCreateForWriting(fresh, CorpusOptions.defaults(), false));
            assertThrows(CorpusBusyException.class, () -> Corpus.create(fresh, CorpusOptions.defaults()));
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> {
                try (Corpus c = Corpus.openOrCreateForWriting(fresh, CorpusOptions.defaults(), true)) {
                    int before = c.records().size();
                    c.appendText("second", RecordMeta.of("text"));
                    return before;
                }
            });
            Thread.sleep(300);
            assertTrue(!second.isDone());
            first.appendText("first", RecordMeta.of("text"));
            first.close();
            assertEquals(2, second.get(10, TimeUnit.SECONDS), "the second writer opened the corpus the first created");
        }
        try (Corpus c = Corpus.open(fresh)) {
            assertEquals(4, c.records().size());
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Corpus.create(fresh, CorpusOptions.defaults()));
        assertTrue(e.getMessage().endsWith("already holds a corpus"), e.getMessage());
        try (Corpus again = Corpus.openOrCreateForWriting(fresh, CorpusOptions.defaults(), false)) {
            assertEquals(4, again.records().size()); // the lock was released by the refused create
        }
    }
}
