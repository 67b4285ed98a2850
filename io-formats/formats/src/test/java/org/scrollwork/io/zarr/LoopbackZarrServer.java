package org.scrollwork.io.zarr;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK {@link HttpServer} on 127.0.0.1 serving a folder (200 with the file, 404 without), for the HTTP tests: it
 * records every request path, counts the requests it is answering at once (the most in {@link #maxInFlight()}), can
 * hold each chunk's response for a while, and can answer chosen paths with a status instead.
 */
final class LoopbackZarrServer implements AutoCloseable {
    /** What a request for a path gets instead of its file: a status, or null to serve the file. */
    @FunctionalInterface
    interface Answer {
        Integer status(String path);
    }

    private final Path dir;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile long chunkDelayMs;
    private volatile Answer answer = path -> null;

    LoopbackZarrServer(Path dir) throws IOException {
        this.dir = dir;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of {@code path} under the served folder. */
    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path);
    }

    /** Request paths seen so far, in order. */
    List<String> requests() { return List.copyOf(requests); }

    /** The requests for chunks (not metadata documents) seen so far, in order. */
    List<String> chunkRequests() {
        return requests.stream().filter(p -> !CachingZarrStore.isMetadata(p)).toList();
    }

    void clear() {
        requests.clear();
        maxInFlight.set(0);
    }

    /** The most requests answered at once since the last {@link #clear}. */
    int maxInFlight() { return maxInFlight.get(); }

    /** Holds every chunk's response {@code ms} before answering it. */
    void delayChunks(long ms) { chunkDelayMs = ms; }

    void answer(Answer a) { answer = a; }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(path);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (chunkDelayMs > 0 && !CachingZarrStore.isMetadata(path)) Thread.sleep(chunkDelayMs);
            Integer status = answer.status(path);
            Path f = dir.resolve(path.substring(1)).normalize();
            if (status == null && (!f.startsWith(dir) || !Files.isRegularFile(f))) status = 404;
            if (status != null) {
                ex.sendResponseHeaders(status, -1);
                return;
            }
            byte[] b = Files.readAllBytes(f);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
            ex.close();
        }
    }

    /** Stops answering: connections are refused from now on. */
    @Override public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
