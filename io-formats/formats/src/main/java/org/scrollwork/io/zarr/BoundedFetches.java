package org.scrollwork.io.zarr;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs one fetch per key on at most {@code n} threads at once (daemon threads, started when needed and ended after 30 s
 * idle), for every caller together. After a fetch fails, fetches not yet started are skipped; the caller gets the first
 * failure in key order, as it would have fetching one key after another.
 */
final class BoundedFetches {
    private final ThreadPoolExecutor pool;

    BoundedFetches(int n, String name) {
        this.pool = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code fetch} for every key, at most {@code n} at once, and returns when all have ended.
     *
     * @throws RuntimeException the first failure in key order, as {@code fetch} threw it
     * @throws UncheckedIOException wrapping an {@link InterruptedIOException} when the caller is interrupted (started fetches are cancelled)
     */
    void run(List<String> keys, Consumer<String> fetch) {
        if (keys.size() == 1) {
            fetch.accept(keys.get(0));
            return;
        }
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<?>> running = new ArrayList<>(keys.size());
        for (String key : keys) {
            running.add(pool.submit(() -> {
                if (failed.get()) return;
                try {
                    fetch.accept(key);
                } catch (RuntimeException | Error e) {
                    failed.set(true);
                    throw e;
                }
            }));
        }
        Throwable first = null;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) first = e.getCause();
            } catch (InterruptedException e) {
                running.forEach(r -> r.cancel(true));
                Thread.currentThread().interrupt();
                InterruptedIOException io = new InterruptedIOException("interrupted while fetching " + keys.size() + " keys");
                io.initCause(e);
                throw new UncheckedIOException(io);
            }
        }
        if (first instanceof RuntimeException r) throw r;
        if (first instanceof Error err) throw err;
    }
}
