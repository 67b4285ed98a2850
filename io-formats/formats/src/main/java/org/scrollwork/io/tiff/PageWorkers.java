package org.scrollwork.io.tiff;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Reads a range of pages (or slice files) on several threads: the caller and up to {@code threads - 1} tasks of the
 * common fork-join pool each make one {@link Worker} (one open file, one decoder) and take small batches of pages
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
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Runnable loop = () -> {
            if (next.get() >= z1) return;
            try (Worker w = workers.get()) {
                for (int b; (b = next.getAndAdd(batch)) < z1; ) {
                    for (int z = b, e = Math.min(z1, b + batch); z < e; z++) w.read(z);
                }
            } catch (RuntimeException | Error e) {
                next.set(z1);
                if (!failed.compareAndSet(null, e)) failed.get().addSuppressed(e);
            }
        };
        // each task starts only by claiming its state (0 -> 1); one the caller claims first (0 -> 2) never runs and is not waited for
        AtomicIntegerArray state = new AtomicIntegerArray(t - 1);
        List<ForkJoinTask<?>> tasks = new ArrayList<>(t - 1);
        for (int k = 0; k < t - 1; k++) {
            int id = k;
            tasks.add(ForkJoinPool.commonPool().submit(() -> {
                if (state.compareAndSet(id, 0, 1)) loop.run();
            }));
        }
        loop.run();
        for (int k = 0; k < t - 1; k++) {
            if (!state.compareAndSet(k, 0, 2)) tasks.get(k).join(); // started: wait until it has finished its batch
        }
        Throwable e = failed.get();
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error r) throw r;
    }
}
