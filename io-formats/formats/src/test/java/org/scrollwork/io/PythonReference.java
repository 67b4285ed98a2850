package org.scrollwork.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's Python 3 ({@code /usr/bin/python3}, with python3-tifffile, python3-zarr,
 * python3-numcodecs, python3-h5py installed by {@code bin/test}) as an independent reference:
 * it writes fixtures no one here wrote and reads back files Scrollwork wrote.
 */
public final class PythonReference {
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private PythonReference() {}

    /**
     * Runs a script with {@code cwd} as working directory and returns its standard output.
     *
     * @throws AssertionError with the script's stderr when it fails, or when Python is missing
     */
    public static String run(Path cwd, String script) {
        if (!Files.isExecutable(PYTHON)) {
            throw new AssertionError(PYTHON + " is missing: run bin/test, which installs the Debian reference packages");
        }
        try {
            Path file = Files.createTempFile(cwd, "ref", ".py");
            Files.writeString(file, script);
            Process p = new ProcessBuilder(PYTHON.toString(), file.toString()).directory(cwd.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("python reference timed out");
            }
            Files.deleteIfExists(file);
            if (p.exitValue() != 0) {
                throw new AssertionError("python reference failed (exit " + p.exitValue() + "):\n" + new String(err, StandardCharsets.UTF_8) + "\nscript:\n" + script);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("could not run python reference: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
