package org.scrollwork.workflows.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusBusyException;
import org.scrollwork.corpus.CorpusOptions;

/** How a command becomes a corpus's writer: optionally queueing behind another writer, and saying what leftovers it cleaned. */
final class CorpusWriting {
    private CorpusWriting() {}

    /**
     * Takes the corpus's writer lock; with {@code wait}, says once on {@code err} that it waits for another writer.
     * Leftovers of an interrupted writer that were deleted are reported in one line on {@code err}.
     *
     * @throws CorpusBusyException when another writer holds the lock and {@code wait} is false
     */
    static void begin(Corpus corpus, boolean wait, PrintWriter err) {
        List<String> removed;
        try {
            removed = corpus.lockForWriting(false);
        } catch (CorpusBusyException e) {
            if (!wait) throw e;
            waiting(corpus.directory(), err);
            removed = corpus.lockForWriting(true);
        }
        reportLeftovers(corpus.directory(), removed, err);
    }

    /** As {@link #begin}, for a corpus that is created when {@code dir} holds none. */
    static Corpus openOrCreate(Path dir, CorpusOptions options, boolean wait, PrintWriter err) {
        Corpus corpus;
        try {
            corpus = Corpus.openOrCreateForWriting(dir, options, false);
        } catch (CorpusBusyException e) {
            if (!wait) throw e;
            waiting(dir, err);
            corpus = Corpus.openOrCreateForWriting(dir, options, true);
        }
        reportLeftovers(dir, corpus.leftoversRemoved(), err);
        return corpus;
    }

    private static void waiting(Path dir, PrintWriter err) {
        err.println("scrollwork: waiting for another writer of " + dir + " to finish");
        err.flush();
    }

    private static void reportLeftovers(Path dir, List<String> removed, PrintWriter err) {
        if (removed.isEmpty()) return;
        err.println("scrollwork: removed " + removed.size() + " leftover file(s) of an interrupted write from " + dir + ": " + String.join(", ", removed));
        err.flush();
    }
}
