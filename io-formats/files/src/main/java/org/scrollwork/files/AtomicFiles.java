package org.scrollwork.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Atomic writes: write to a temporary name beside the target, fsync, rename over the target.
 * A reader sees the old file or the new one, never a half-written one. A failed write deletes its temporary file,
 * and so does a JVM stopped by a signal; a killed one ({@code kill -9}, power loss) leaves at most a temporary file
 * whose name starts with {@code .} and ends with {@code .tmp}, which {@link #removeStaleTemporaries} deletes later.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that fills a temporary path (a file or a directory) completely. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path temporary) throws IOException;
    }

    /**
     * Creates {@code target} (file or directory) by letting {@code filler} write a temporary sibling,
     * syncing it, and renaming it into place. An existing target is replaced.
     */
    public static void write(Path target, Filler filler) {
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        Path tmp = parent.resolve("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        IN_PROGRESS.add(tmp);
        try {
            Files.createDirectories(parent);
            filler.fill(tmp);
            syncTree(tmp);
            if (Files.isDirectory(abs) && !Files.isSymbolicLink(abs)) {
                // Directories cannot be renamed over; move the old one aside first, then delete it.
                Path old = parent.resolve("." + abs.getFileName() + "." + System.nanoTime() + ".old");
                move(abs, old);
                move(tmp, abs);
                deleteTree(old);
            } else {
                move(tmp, abs);
            }
            fsync(parent, true);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw WriteFailure.of(target, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        } finally {
            IN_PROGRESS.remove(tmp);
        }
    }

    /** Temporary paths being filled now; a JVM stopped by a signal (Ctrl-C, SIGTERM) deletes them on its way out. */
    private static final java.util.Set<Path> IN_PROGRESS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> IN_PROGRESS.forEach(AtomicFiles::deleteQuietly), "AtomicFiles cleanup"));
    }

    /** Writes bytes to a file atomically. */
    public static void writeBytes(Path target, byte[] bytes) {
        write(target, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) ch.write(b);
            }
        });
    }

    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.([0-9]+)\\.[0-9]+\\.tmp");

    /**
     * Deletes what killed writers left beside {@code target}: temporary siblings {@code .NAME.PID.NANOS.tmp} whose NAME
     * is the target's name or starts with its stem (the name before its first dot: {@code x.raw} for {@code x.nhdr}),
     * written by a process that no longer runs. Files of live processes and {@code .old} directories (which may hold
     * the only copy of a target a kill interrupted) are left alone.
     *
     * @return the names of the files deleted
     */
    public static List<String> removeStaleTemporaries(Path target) {
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        String name = abs.getFileName().toString();
        int dot = name.indexOf('.', 1);
        String stem = dot < 0 ? name : name.substring(0, dot + 1);
        List<String> deleted = new ArrayList<>();
        if (!Files.isDirectory(parent)) return deleted;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, "." + "*.tmp")) {
            for (Path p : ds) {
                Matcher m = TEMPORARY.matcher(p.getFileName().toString());
                if (!m.matches() || !(m.group(1).equals(name) || m.group(1).startsWith(stem))) continue;
                long pid;
                try {
                    pid = Long.parseLong(m.group(2));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                deleteTree(p);
                deleted.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove stale temporary files beside " + target + ": " + e.getMessage(), e);
        }
        return deleted;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Forces a file's or directory's contents to disk. */
    public static void fsync(Path p, boolean directory) throws IOException {
        if (directory) {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException e) {
                // Some file systems refuse to open directories for sync; the rename is still atomic there.
            }
        } else {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
    }

    private static void syncTree(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            fsync(root, false);
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                fsync(file, false);
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                fsync(dir, true);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a file or a directory tree; missing paths are fine. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteQuietly(Path p) {
        try {
            deleteTree(p);
        } catch (IOException ignored) {
            // best effort: a leftover .tmp is harmless and named as such
        }
    }
}
