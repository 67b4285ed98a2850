package org.scrollwork.corpus;

import java.nio.file.Path;
import java.util.Optional;
import org.scrollwork.io.ExclusiveFileLock;

/** The one-writer lock of a corpus directory: an OS file lock on {@code DIR/lock}, held until closed. */
final class WriterLock implements AutoCloseable {
    /** How often a waiting writer retries the lock. */
    private static final long POLL_MILLIS = 100;

    private final ExclusiveFileLock lock;

    private WriterLock(ExclusiveFileLock lock) { this.lock = lock; }

    /** Takes the lock or fails with {@link CorpusBusyException} when another writer holds it. */
    static WriterLock acquire(Path dir) {
        Path p = dir.resolve(Corpus.LOCK);
        return tryAcquire(dir).orElseThrow(() -> new CorpusBusyException(p));
    }

    /** Takes the lock, or empty when another writer holds it. */
    static Optional<WriterLock> tryAcquire(Path dir) {
        return ExclusiveFileLock.tryAcquire(dir.resolve(Corpus.LOCK)).map(WriterLock::new);
    }

    /**
     * Takes the lock, waiting for other writers to release it (the OS releases it when a writer dies).
     *
     * @throws CorpusBusyException when interrupted while waiting
     */
    static WriterLock await(Path dir) {
        while (true) {
            Optional<WriterLock> l = tryAcquire(dir);
            if (l.isPresent()) return l.get();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CorpusBusyException(dir.resolve(Corpus.LOCK));
            }
        }
    }

    @Override public void close() { lock.close(); }
}
