package org.scrollwork.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Atomic writes: write to a temporary name beside the target, fsync, rename over the target.
 * A reader sees the old file or the new one, never a half-written one. A failed write deletes its temporary file,
 * and so does a JVM stopped by a signal; a killed one ({@code kill -9}, power loss) leaves at most a temporary
 * {@code .NAME.PID.NANOS.tmp} and, when it was replacing a directory, the old copy moved aside as
 * {@code .NAME.PID.NANOS.old}; {@link #removeStaleTemporaries} cleans up both later (deleting the temporary, and
 * deleting the old copy or moving it back when the kill left no target).
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
        Path tmp = sibling(abs, ".tmp");
        IN_PROGRESS.add(tmp);
        try {
            Files.createDirectories(parent);
            filler.fill(tmp);
            syncTree(tmp);
            if (Files.isDirectory(abs) && !Files.isSymbolicLink(abs)) {
                // Directories cannot be renamed over; move the old one aside first, then delete it. Its name carries
                // this process's id, so that after a kill between these steps removeStaleTemporaries knows it is stale.
                Path old = sibling(abs, ".old");
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

    /** {@code .NAME.PID.NANOS.SUFFIX} beside {@code abs}: this process's id, and a time that makes the name unique. */
    private static Path sibling(Path abs, String suffix) {
        return abs.getParent().resolve("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + suffix);
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

    /** Something that writes a file's whole content to a stream. */
    @FunctionalInterface
    public interface StreamFiller {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a file atomically from what {@code content} writes to a (buffered) stream. */
    public static void writeStream(Path target, StreamFiller content) {
        write(target, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                content.writeTo(out);
            }
        });
    }

    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.([0-9]+)\\.[0-9]+\\.tmp");

    /**
     * Cleans up what killed writers left beside {@code target}:
     * <ul>
     *   <li>temporary siblings {@code .NAME.PID.NANOS.tmp} whose NAME is the target's name or starts with its stem (the
     *       name before its first dot: {@code x.raw} for {@code x.nhdr}) are deleted;</li>
     *   <li>old copies of a directory target moved aside during its replacement, {@code .NAME.PID.NANOS.old} with NAME
     *       the target's name, are deleted when the target exists (the kill came after the new copy was in place), and
     *       moved back to the target when it is missing (the kill came between the two renames). When several are left
     *       and the target is missing, the latest (largest NANOS) is moved back and the others are deleted.</li>
     * </ul>
     * Only leftovers of processes that no longer run are touched; those of live processes (this one included) are
     * left alone, and so is an {@code .old} without a process id in its name (from a build before ids were added:
     * it cannot be told from a live writer's).
     *
     * @return one entry per leftover dealt with: its name, followed by {@code " (moved back to NAME)"} for an old copy
     *     restored as the target
     * @throws UncheckedIOException naming the target's folder when a leftover cannot be deleted or moved back
     */
    public static List<String> removeStaleTemporaries(Path target) {
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        String name = abs.getFileName().toString();
        int dot = name.indexOf('.', 1);
        String stem = dot < 0 ? name : name.substring(0, dot + 1);
        List<String> done = new ArrayList<>();
        if (!Files.isDirectory(parent)) return done;
        List<Path> oldCopies = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, ".*")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.endsWith(".old")) {
                    long pid = oldCopyPid(n, name);
                    if (pid >= 0 && !alive(pid)) oldCopies.add(p);
                    continue;
                }
                Matcher m = TEMPORARY.matcher(n);
                if (!m.matches() || !(m.group(1).equals(name) || m.group(1).startsWith(stem))) continue;
                long pid;
                try {
                    pid = Long.parseLong(m.group(2));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (alive(pid)) continue;
                deleteTree(p);
                done.add(n);
            }
            // latest first: if the target is missing, the newest old copy becomes the target again
            oldCopies.sort(Comparator.comparingLong((Path p) -> oldCopyNanos(p.getFileName().toString(), name)).reversed());
            for (Path p : oldCopies) {
                if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(p);
                    done.add(p.getFileName().toString());
                } else {
                    move(p, abs);
                    fsync(parent, true);
                    done.add(p.getFileName().toString() + " (moved back to " + name + ")");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove stale temporary files beside " + target + ": " + e.getMessage(), e);
        }
        return done;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The PID in {@code .NAME.PID.NANOS.old} when {@code fileName} has that form for exactly {@code name}, else -1. */
    private static long oldCopyPid(String fileName, String name) {
        String[] ids = oldCopyIds(fileName, name);
        return ids == null ? -1 : Long.parseLong(ids[0]);
    }

    private static long oldCopyNanos(String fileName, String name) {
        return Long.parseLong(oldCopyIds(fileName, name)[1]);
    }

    /** {PID, NANOS} of {@code .NAME.PID.NANOS.old} for exactly {@code name}, or null. */
    private static String[] oldCopyIds(String fileName, String name) {
        String prefix = "." + name + ".";
        if (!fileName.startsWith(prefix) || !fileName.endsWith(".old")) return null;
        String middle = fileName.substring(prefix.length(), fileName.length() - ".old".length());
        if (!middle.matches("[0-9]{1,18}\\.-?[0-9]{1,19}")) return null;
        String[] ids = middle.split("\\.");
        try {
            Long.parseLong(ids[1]);
        } catch (NumberFormatException e) {
            return null;
        }
        return ids;
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
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
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
