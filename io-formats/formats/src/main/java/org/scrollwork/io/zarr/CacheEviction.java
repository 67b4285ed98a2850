package org.scrollwork.io.zarr;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Keeps a cache folder (every store's entries under it together) within a bound: once what was written takes it past
 * {@code maxBytes}, the least recently used entries (oldest modification time: {@link StoreCacheFolder} sets it on
 * every hit) are deleted until the folder holds at most nine tenths of the bound. Several processes may evict from one
 * folder at once: an entry another one deleted first is simply gone. A sweep also deletes the temporary files that killed
 * writers left ({@code .NAME.PID.NANOS.tmp}) once they are an hour old.
 */
final class CacheEviction {
    /** Temporary files older than this are a killed writer's. */
    static final Duration STALE = Duration.ofHours(1);
    private static final Pattern ENTRY = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.tmp");

    private final Path root;
    private final long maxBytes;
    /** Bytes the folder holds, as far as this process knows; -1 until first counted. */
    private final AtomicLong estimate = new AtomicLong(-1);

    CacheEviction(Path root, long maxBytes) {
        this.root = root;
        this.maxBytes = maxBytes;
    }

    /** Notes that {@code bytes} were written under the folder, and evicts when that takes it past the bound. */
    void added(long bytes) {
        if (bytes <= 0) return;
        long e = estimate.get() < 0 ? count() : estimate.addAndGet(bytes);
        if (e > maxBytes) sweep();
    }

    private synchronized long count() {
        if (estimate.get() < 0) estimate.set(scan(new ArrayList<>()));
        return estimate.get();
    }

    /** Deletes least recently used entries until the folder holds at most nine tenths of the bound. */
    synchronized void sweep() {
        List<Entry> entries = new ArrayList<>();
        long total = scan(entries);
        if (total > maxBytes) {
            entries.sort(Comparator.comparing(Entry::used).thenComparing(Entry::file));
            long target = maxBytes - maxBytes / 10;
            for (int i = 0; i < entries.size() && total > target; i++) {
                Entry e = entries.get(i);
                try {
                    Files.deleteIfExists(e.file()); // false: another process evicted it first
                    total -= e.bytes();
                } catch (IOException failed) {
                    // cannot delete it (permissions?): it stays and counts
                }
            }
        }
        estimate.set(total);
    }

    private record Entry(Path file, long bytes, Instant used) {}

    /** The folder's total bytes; its entries go into {@code entries}; stale temporaries are deleted and not counted. */
    private long scan(List<Entry> entries) {
        long[] total = {0};
        Instant stale = Instant.now().minus(STALE);
        if (!Files.isDirectory(root)) return 0;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                    if (!a.isRegularFile()) return FileVisitResult.CONTINUE;
                    String name = file.getFileName().toString();
                    Instant used = a.lastModifiedTime().toInstant();
                    if (TEMPORARY.matcher(name).matches() && used.isBefore(stale)) {
                        try {
                            Files.deleteIfExists(file);
                            return FileVisitResult.CONTINUE;
                        } catch (IOException e) {
                            // counted below
                        }
                    }
                    total[0] += a.size();
                    if (ENTRY.matcher(name).matches()) entries.add(new Entry(file, a.size(), used));
                    return FileVisitResult.CONTINUE;
                }

                @Override public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // deleted by another process while walking
                }

                @Override public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // the walk itself failed: what was counted stands
        }
        return total[0];
    }
}
