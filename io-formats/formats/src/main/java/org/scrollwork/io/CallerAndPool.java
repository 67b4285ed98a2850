package org.scrollwork.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one loop on the caller and on up to {@code copies - 1} tasks of the common fork-join pool at once, for work that
 * the copies take in pieces from a shared counter (pages of a TIFF stack, chunks of a box read). A task that had not
 * started when the caller's copy finished is dropped, not waited for, so a thread the scheduler holds back holds the
 * work back by one piece at most.
 */
public final class CallerAndPool {
    private CallerAndPool() {}

    /**
     * Runs {@code loop} on the caller and up to {@code copies - 1} pool tasks; returns when every copy that started has
     * finished. The first exception a copy throws is rethrown as it was (not wrapped), later ones are added to it as
     * suppressed; on the first one {@code stop} runs, which should end the other copies' loops (e.g. by moving the
     * shared counter past the end).
     */
    public static void run(int copies, Runnable loop, Runnable stop) {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Runnable guarded = () -> {
            try {
                loop.run();
            } catch (RuntimeException | Error e) {
                stop.run();
                if (!failed.compareAndSet(null, e)) failed.get().addSuppressed(e);
            }
        };
        int t = Math.max(1, copies);
        // each task starts only by claiming its state (0 -> 1); one the caller claims first (0 -> 2) never runs and is not waited for
        AtomicIntegerArray state = new AtomicIntegerArray(t - 1);
        List<ForkJoinTask<?>> tasks = new ArrayList<>(t - 1);
        for (int k = 0; k < t - 1; k++) {
            int id = k;
            tasks.add(ForkJoinPool.commonPool().submit(() -> {
                if (state.compareAndSet(id, 0, 1)) guarded.run();
            }));
        }
        guarded.run();
        for (int k = 0; k < t - 1; k++) {
            if (!state.compareAndSet(k, 0, 2)) tasks.get(k).join(); // started: wait until it has finished its piece
        }
        Throwable e = failed.get();
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error r) throw r;
    }
}
