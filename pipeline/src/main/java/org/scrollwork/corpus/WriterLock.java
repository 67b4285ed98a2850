package org.scrollwork.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The one-writer lock of a corpus directory: an OS file lock on {@code DIR/lock}, held until closed. */
final class WriterLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails with {@link IllegalStateException} when another writer holds it. */
    static WriterLock acquire(Path dir) {
        Path p = dir.resolve(Corpus.LOCK);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) throw new IllegalStateException(p + ": another process is writing this corpus");
            return new WriterLock(ch, l);
        } catch (OverlappingFileLockException e) {
            closeQuietly(ch);
            throw new IllegalStateException(p + ": another Corpus in this process is writing this corpus", e);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot lock " + p, e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException ignored) {
            // the lock dies with the channel anyway
        }
    }

    @Override public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release corpus lock", e);
        }
    }
}
