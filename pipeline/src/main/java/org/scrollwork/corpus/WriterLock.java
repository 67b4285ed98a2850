package org.scrollwork.corpus;

import java.nio.file.Path;
import org.scrollwork.io.ExclusiveFileLock;

/** The one-writer lock of a corpus directory: an OS file lock on {@code DIR/lock}, held until closed. */
final class WriterLock implements AutoCloseable {
    private final ExclusiveFileLock lock;

    private WriterLock(ExclusiveFileLock lock) { this.lock = lock; }

    /** Takes the lock or fails with {@link IllegalStateException} when another writer holds it. */
    static WriterLock acquire(Path dir) {
        Path p = dir.resolve(Corpus.LOCK);
        return new WriterLock(ExclusiveFileLock.tryAcquire(p)
                .orElseThrow(() -> new IllegalStateException(p + ": another process (or another Corpus in this process) is writing this corpus")));
    }

    @Override public void close() { lock.close(); }
}
