package org.scrollwork.scaleout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.pipeline.TrainedModel;

/**
 * What an executor JVM keeps between tasks: corpora opened once (memory-mapped, read by every task of the JVM
 * without copying) and models loaded once per snapshot (a pool: a task borrows one, so concurrent tasks never
 * share a model). Keys include the file's size and modification time, so a changed corpus or snapshot is
 * opened afresh.
 */
final class ExecutorCache {
    private static final Map<String, Corpus> CORPORA = new ConcurrentHashMap<>();
    private static final Map<String, Queue<TrainedModel>> MODELS = new ConcurrentHashMap<>();

    private ExecutorCache() {}

    /** The corpus at {@code dir} (a path every executor can read: local disk in local mode, a shared filesystem on a cluster). */
    static Corpus corpus(String dir) {
        Path d = Path.of(dir).toAbsolutePath().normalize();
        return CORPORA.computeIfAbsent(key(d.resolve("manifest.json")), k -> Corpus.open(d));
    }

    /** A model loaded from {@code snapshot}; hand it back with {@link #giveBack}. */
    static TrainedModel borrow(String snapshot) {
        Path p = Path.of(snapshot).toAbsolutePath().normalize();
        String key = key(Files.isDirectory(p) ? p.resolve(org.scrollwork.pipeline.TrainingRun.SNAPSHOT) : p);
        TrainedModel m = MODELS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        return m != null ? m : new Pooled(key, p).load();
    }

    static void giveBack(String snapshot, TrainedModel model) {
        Path p = Path.of(snapshot).toAbsolutePath().normalize();
        String key = key(Files.isDirectory(p) ? p.resolve(org.scrollwork.pipeline.TrainingRun.SNAPSHOT) : p);
        MODELS.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(model);
    }

    private record Pooled(String key, Path path) {
        TrainedModel load() { return TrainedModel.load(path); }
    }

    private static String key(Path file) {
        try {
            return file + "@" + Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
