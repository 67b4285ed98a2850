package org.scrollwork.prior;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.scrollwork.files.AtomicFiles;

/**
 * Obtains the SBL Greek New Testament ({@code sblgnt.sqlite}) from Debian's {@code bibledit-data} package and
 * keeps it in a cache folder. The corpus is never part of the repository; this class is how the project gets it.
 *
 * <p>{@link #sblgnt()} returns the cached file if it is there; otherwise it runs {@code apt-get download
 * bibledit-data} in a temporary folder (works as root or as a user with network access to the Debian mirror),
 * extracts only {@value #MEMBER} with {@code dpkg-deb --fsys-tarfile | tar -x -O}, checks the SQLite magic and moves
 * the file into the cache atomically (temp + fsync + rename). Calling it again does nothing. Cost: one 40 MB download.
 */
public final class GreekCorpusFetcher {

    /** The Debian package holding the corpus. */
    public static final String PACKAGE = "bibledit-data";
    /** The corpus inside the package's data archive. */
    public static final String MEMBER = "./usr/share/bibledit/databases/sblgnt.sqlite";
    /** Environment variable that replaces {@code ~/.cache/scrollwork} as the cache root. */
    public static final String CACHE_ENV = "SCROLLWORK_CACHE";

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final long COMMAND_TIMEOUT_S = 600;

    private final Path cacheDir;

    /** A fetcher that caches in {@code dir}. */
    public GreekCorpusFetcher(Path dir) { this.cacheDir = dir; }

    /** A fetcher caching in {@link #defaultCacheDir()}. */
    public static GreekCorpusFetcher withDefaultCache() { return new GreekCorpusFetcher(defaultCacheDir()); }

    /** {@code $SCROLLWORK_CACHE/greek}, or {@code ~/.cache/scrollwork/greek} when the variable is unset or empty. */
    public static Path defaultCacheDir() {
        String env = System.getenv(CACHE_ENV);
        Path root = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "scrollwork");
        return root.resolve("greek");
    }

    /** Where the corpus is (or will be) cached. */
    public Path sblgntPath() { return cacheDir.resolve("sblgnt.sqlite"); }

    /**
     * The cached SBLGNT SQLite file, fetched first if absent.
     *
     * @throws CorpusException if a command fails (its stderr is in the message) or the result is not an SQLite file
     */
    public Path sblgnt() {
        Path target = sblgntPath();
        if (Files.isRegularFile(target) && hasSqliteMagic(target)) return target;
        Path work = null;
        try {
            work = Files.createTempDirectory("scrollwork-greek-");
            // apt's sandbox user (_apt) must be able to write the download folder, or apt warns and runs unsandboxed.
            work.toFile().setWritable(true, false);
            work.toFile().setExecutable(true, false);
            run(work, List.of("apt-get", "download", "-q", PACKAGE), target);
            Path deb;
            try (Stream<Path> files = Files.list(work)) {
                deb = files.filter(p -> p.getFileName().toString().endsWith(".deb"))
                        .min(Comparator.naturalOrder())
                        .orElseThrow(() -> new CorpusException(target, "apt-get download " + PACKAGE + " produced no .deb"));
            }
            extract(deb, target);
            if (!hasSqliteMagic(target)) {
                Files.deleteIfExists(target);
                throw new CorpusException(target, "extracted " + MEMBER + " from " + deb.getFileName() + " is not an SQLite file");
            }
            return target;
        } catch (IOException e) {
            throw new CorpusException(target, "fetching " + PACKAGE + " failed: " + e.getMessage(), e);
        } finally {
            if (work != null) deleteTree(work);
        }
    }

    private static void extract(Path deb, Path target) throws IOException {
        List<ProcessBuilder> pipeline = List.of(
                new ProcessBuilder("dpkg-deb", "--fsys-tarfile", deb.toString()).redirectError(ProcessBuilder.Redirect.DISCARD),
                new ProcessBuilder("tar", "-x", "-O", "-f", "-", MEMBER).redirectError(ProcessBuilder.Redirect.DISCARD));
        List<Process> procs = ProcessBuilder.startPipeline(pipeline);
        Process last = procs.get(procs.size() - 1);
        try {
            AtomicFiles.writeStream(target, out -> {
                try (InputStream in = last.getInputStream()) {
                    in.transferTo(out);
                }
                for (Process p : procs) {
                    int rc = waitFor(p, target);
                    if (rc != 0) throw new IOException(p.info().command().orElse("extraction") + " exited with " + rc);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void run(Path dir, List<String> command, Path target) throws IOException {
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        int rc = waitFor(p, target);
        if (rc != 0) {
            String msg = Files.readString(err, StandardCharsets.UTF_8).strip();
            throw new CorpusException(target, String.join(" ", command) + " exited with " + rc + ": " + msg);
        }
    }

    private static int waitFor(Process p, Path target) throws IOException {
        try {
            if (!p.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CorpusException(target, "command timed out after " + COMMAND_TIMEOUT_S + " s");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    static boolean hasSqliteMagic(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(SQLITE_MAGIC.length), SQLITE_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: a leftover temp folder is harmless
        }
    }
}
