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
}
