package org.scrollwork.io.tiff;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.scrollwork.io.CallerAndPool;

/**
 * Reads a range of pages (or slice files) on several threads: the caller and up to {@code threads - 1} tasks of the
 * common fork-join pool ({@link CallerAndPool}) each make one {@link Worker} (one open file, one decoder) and take small batches of pages
 * from a shared counter until none are left. Taking batches as they go, rather than splitting the range up front,
 * keeps a thread that the scheduler holds back (a loaded machine) from holding back the whole read by more than one
 * batch; tasks that had not started when the pages ran out are dropped, not waited for.
 */
final class PageWorkers {
    private PageWorkers() {}

    /** Decodes pages into the shared target; made on the thread that uses it, closed there. */
    interface Worker extends AutoCloseable {
        void read(int z);

        @Override void close();
    }

    /**
     * Reads pages {@code [z0, z1)} with workers from {@code workers}, on up to {@code threads} threads. Returns when
     * every page was read. The first exception a worker threw is rethrown as it was (not wrapped), later ones are
     * added to it as suppressed; after a failure no new batch is started.
     */
    static void run(int z0, int z1, int threads, Supplier<? extends Worker> workers) {
        int n = z1 - z0;
        if (n <= 0) return;
        int t = Math.max(1, Math.min(threads, n));
        if (t == 1) {
            try (Worker w = workers.get()) {
                for (int z = z0; z < z1; z++) w.read(z);
            }
            return;
        }
        int batch = Math.max(1, Math.min(16, n / (8 * t)));
        AtomicInteger next = new AtomicInteger(z0);
        CallerAndPool.run(t, () -> {
            if (next.get() >= z1) return;
            try (Worker w = workers.get()) {
                for (int b; (b = next.getAndAdd(batch)) < z1; ) {
                    for (int z = b, e = Math.min(z1, b + batch); z < e; z++) w.read(z);
                }
            }
        }, () -> next.set(z1));
    }
}
