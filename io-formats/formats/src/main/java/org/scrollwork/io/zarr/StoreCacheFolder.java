package org.scrollwork.io.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.scrollwork.files.AtomicFiles;

/**
 * The folder where {@link CachingZarrStore} keeps the keys of one store: {@code ROOT/H/}, with {@code H} 32 hex digits of
 * the SHA-256 of the store's base URL and {@value #URL_FILE} naming that URL; key {@code k} is the {@link CacheEntryFile}
 * {@code ROOT/H/AB/D}, with {@code D} 32 hex digits of the SHA-256 of {@code k} and {@code AB} its first two. Reading a
 * damaged or unreadable entry drops it and reads as a miss; reading an entry marks it used (its modification time, which
 * {@link CacheEviction} goes by). Safe for several threads and processes: entries are replaced whole, never edited.
 */
final class StoreCacheFolder {
    /** The file in a store's folder that names its URL. */
    static final String URL_FILE = "url.txt";

    /** What the cache holds for a key: its bytes, or empty when the store holds no such key (it answered 404 or 410). */
    record Hit(Optional<byte[]> value) {}

    private final Path dir;
    private final URI base;

    StoreCacheFolder(Path root, URI base) {
        this.base = base;
        this.dir = root.resolve(digest(base.toString()));
    }

    Path dir() { return dir; }

    /** The file of {@code key}'s entry. */
    Path file(String key) {
        String d = digest(key);
        return dir.resolve(d.substring(0, 2)).resolve(d);
    }

    /** Whether an entry for {@code key} is there (not checked). */
    boolean holds(String key) {
        return Files.isRegularFile(file(key));
    }

    /**
     * The entry of {@code key}, or empty when there is none, or it is damaged (it is deleted), unreadable, or larger than
     * {@code maxBytes} allows (the store's own read then reports that).
     */
    Optional<Hit> read(String key, long maxBytes) {
        Path f = file(key);
        try {
            if (Files.size(f) > maxBytes + CacheEntryFile.overhead(key)) return Optional.empty();
            Optional<byte[]> value = CacheEntryFile.read(f, key);
            touch(f);
            return Optional.of(new Hit(value));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            drop(f);
            return Optional.empty();
        }
    }

    /**
     * Keeps {@code value} as the entry of {@code key}, atomically.
     *
     * @return the entry's size on disk; 0 when it could not be written (a full or read-only disk: the cache is skipped,
     *     the read goes on)
     */
    long write(String key, Optional<byte[]> value) {
        Path f = file(key);
        try {
            Path url = dir.resolve(URL_FILE);
            if (!Files.isRegularFile(url)) AtomicFiles.writeBytes(url, (base + "\n").getBytes(StandardCharsets.UTF_8));
            CacheEntryFile.write(f, key, value);
            return Files.size(f);
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static void touch(Path f) {
        try {
            Files.setLastModifiedTime(f, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // evicted meanwhile by another process, or a read-only cache: the entry was read all the same
        }
    }

    private static void drop(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            // another process may have replaced or removed it; a damaged entry left here is dropped on its next read
        }
    }

    /** 32 hex digits of the SHA-256 of {@code s}. */
    static String digest(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }
}
