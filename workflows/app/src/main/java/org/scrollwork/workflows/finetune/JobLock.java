package org.scrollwork.workflows.finetune;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.scrollwork.io.ExclusiveFileLock;

/**
 * One finetune per job directory at a time: an OS file lock on {@code JOB/job.lock}, held while the
 * job runs and released by the OS when its process dies (a killed job leaves no stale lock).
 */
final class JobLock implements AutoCloseable {
    static final String FILE = "job.lock";

    private final ExclusiveFileLock lock;

    private JobLock(ExclusiveFileLock lock) { this.lock = lock; }

    /** Takes the lock, or fails with {@link FinetuneException} when another run of the job holds it. */
    static JobLock acquire(Path jobDir) {
        Path p = jobDir.resolve(FILE);
        try {
            return new JobLock(ExclusiveFileLock.tryAcquire(p).orElseThrow(() -> new FinetuneException(
                    "job directory " + jobDir + " is in use: another finetune holds " + p + "; wait for it or stop it first")));
        } catch (UncheckedIOException e) {
            throw new FinetuneException("cannot lock job directory " + jobDir + " (" + p + "): " + e.getCause().getMessage(), e);
        }
    }

    @Override public void close() { lock.close(); }
}
