package org.scrollwork.aunn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs Debian's /usr/bin/python3 (with python3-torch, python3-numpy) as an independent reference. */
public final class PythonReference {
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private PythonReference() {}

    /**
     * Runs a script with {@code cwd} as working directory and returns its standard output.
     *
     * @throws AssertionError with the script's stderr when it fails or Python is missing
     */
    public static String run(Path cwd, String script) {
        if (!Files.isExecutable(PYTHON)) throw new AssertionError(PYTHON + " is missing: install python3-torch and python3-numpy");
        try {
            Path file = Files.createTempFile(cwd, "ref", ".py");
            Files.writeString(file, script);
            Process p = new ProcessBuilder(PYTHON.toString(), file.toString()).directory(cwd.toFile()).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("python reference timed out");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("python reference failed (exit " + p.exitValue() + "):\n" + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("could not run python reference: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
