package org.scrollwork.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Python 3 ({@code /usr/bin/python3}) as an independent reference for tests: it writes fixtures no one here
 * wrote and checks files Scrollwork wrote (numpy, tifffile, zarr, numcodecs, h5py, scikit-image, PIL, torch, installed
 * by {@code bin/setup-references}, which {@code bin/test} runs). Tests that use it are tagged {@code python} and call
 * {@link #assumeAvailable} first (jqwik containers: a skip hook on {@link #missing}), so that without Python or one of
 * its modules they are skipped, with the reason, rather than failed.
 *
 * <p>Shared through the {@code files} test-jar (test scope only); not in any production jar.
 */
public final class PythonReference {
    /** {@code /usr/bin/python3}, or the system property {@code scrollwork.python} (to check that the tests skip without it). */
    public static final Path PYTHON = Path.of(System.getProperty("scrollwork.python", "/usr/bin/python3"));
    /** A script that runs longer than this fails. */
    private static final long TIMEOUT_MINUTES = 10;
    private static final Map<String, Boolean> IMPORTABLE = new ConcurrentHashMap<>();

    private PythonReference() {}

    /**
     * Skips the calling test (a JUnit assumption) unless {@link #PYTHON} runs and imports every one of {@code modules}
     * (names as in Python's {@code import}: {@code numpy}, {@code skimage}, {@code PIL}, ...).
     */
    public static void assumeAvailable(String... modules) {
        Optional<String> why = missing(modules);
        assumeTrue(why.isEmpty(), () -> why.orElseThrow());
    }

    /** Whether {@link #PYTHON} runs and imports every one of {@code modules} (for set-up that must not abort a whole class). */
    public static boolean available(String... modules) {
        return missing(modules).isEmpty();
    }

    /** Why the tests needing {@code modules} cannot run here (Python or a module missing), or empty when they can. */
    public static Optional<String> missing(String... modules) {
        if (!Files.isExecutable(PYTHON)) {
            return Optional.of(PYTHON + " is missing: run bin/setup-references (bin/test does) to install the Python references");
        }
        for (String m : modules) {
            if (!IMPORTABLE.computeIfAbsent(m, PythonReference::importable)) {
                return Optional.of("Python module " + m + " is missing from " + PYTHON + ": run bin/setup-references (bin/test does) to install it");
            }
        }
        return Optional.empty();
    }

    /** Writes {@code values} as raw little-endian float32 (numpy's {@code np.fromfile(f, dtype='<f4')}). */
    public static void writeFloats(Path file, float[] values) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float x : values) b.putFloat(x);
        Files.write(file, b.array());
    }

    /** {@link #run(Path, String, String...)} in the current directory. */
    public static String run(String script, String... args) {
        return run(Path.of("").toAbsolutePath(), script, args);
    }

    /**
     * Runs {@code script} ({@code python3 -c script args...}) with {@code cwd} as working directory and returns its
     * standard output.
     *
     * @throws AssertionError with its standard error (and the script) when it exits with another status than 0 or
     *                        runs too long
     */
    public static String run(Path cwd, String script, String... args) {
        assumeAvailable();
        Path out = null, err = null;
        try {
            out = Files.createTempFile("python-ref", ".out");
            err = Files.createTempFile("python-ref", ".err");
            List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("python reference ran over " + TIMEOUT_MINUTES + " minutes:\n" + script);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("python reference failed (exit " + p.exitValue() + "):\n" + Files.readString(err, StandardCharsets.UTF_8)
                        + "\nscript:\n" + script);
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("could not run python reference: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the python reference ran", e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static boolean importable(String module) {
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + module).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(2, TimeUnit.MINUTES)) return p.exitValue() == 0;
            p.destroyForcibly();
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void delete(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file left behind
        }
    }
}
