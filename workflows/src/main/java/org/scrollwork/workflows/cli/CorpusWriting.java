package org.scrollwork.workflows.cli;

import java.io.PrintWriter;
import java.util.List;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusBusyException;

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
            err.println("scrollwork: waiting for another writer of " + corpus.directory() + " to finish");
            err.flush();
            removed = corpus.lockForWriting(true);
        }
        if (!removed.isEmpty()) {
            err.println("scrollwork: removed " + removed.size() + " leftover file(s) of an interrupted write from " + corpus.directory() + ": "
                    + String.join(", ", removed));
            err.flush();
        }
    }
}
