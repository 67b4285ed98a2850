package org.scrollwork.workflows.finetune;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One finetune per job directory at a time: an OS file lock on {@code JOB/job.lock}, held while the
 * job runs and released by the OS when its process dies (a killed job leaves no stale lock).
 */
final class JobLock implements AutoCloseable {
    static final String FILE = "job.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private JobLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or fails with {@link FinetuneException} when another run of the job holds it. */
    static JobLock acquire(Path jobDir) {
        Path p = jobDir.resolve(FILE);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) throw new FinetuneException("job directory " + jobDir + " is in use: another finetune holds " + p + "; wait for it or stop it first");
            return new JobLock(ch, l);
        } catch (OverlappingFileLockException e) {
            close(ch);
            throw new FinetuneException("job directory " + jobDir + " is in use: this process already runs a finetune holding " + p, e);
        } catch (IOException e) {
            close(ch);
            throw new FinetuneException("cannot lock job directory " + jobDir + " (" + p + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(ch);
            throw e;
        }
    }

    private static void close(FileChannel ch) {
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
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
    }
}
