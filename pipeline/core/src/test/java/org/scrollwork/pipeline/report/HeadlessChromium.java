package org.scrollwork.pipeline.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}, package {@code chromium}, installed by {@code bin/setup-references}) as a
 * user's browser for tests: it opens a page headless and screenshots it. Tests that use it call {@link #assumeAvailable}
 * first, so that without the browser they are skipped, with the reason, rather than failed.
 */
final class HeadlessChromium {
    /** {@code /usr/bin/chromium}, or the system property {@code scrollwork.chromium} (to check that the tests skip without it). */
    static final Path CHROMIUM = Path.of(System.getProperty("scrollwork.chromium", "/usr/bin/chromium"));
    /** A page that takes longer than this to load and screenshot fails. */
    private static final long TIMEOUT_SECONDS = 60;

    private HeadlessChromium() {}

    /** Skips the calling test (a JUnit assumption) unless {@link #CHROMIUM} is there to run. */
    static void assumeAvailable() {
        assumeTrue(Files.isExecutable(CHROMIUM), () -> CHROMIUM + " is missing: run bin/setup-references (bin/test does) to install the Debian package chromium");
    }

    /**
     * Opens {@code page} in a {@code width}×{@code height} window (no scroll bars) and returns the screenshot, written
     * to {@code png}; the browser's profile goes to a folder in {@code scratch}.
     *
     * @throws AssertionError with the browser's standard error when it exits with another status than 0, runs over
     *                        {@value #TIMEOUT_SECONDS} s, or writes no screenshot
     */
    static BufferedImage screenshot(Path page, Path png, int width, int height, Path scratch) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        Path err = Files.createTempFile(scratch, "chromium", ".err");
        Files.deleteIfExists(png);
        List<String> command = List.of(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(),
                page.toAbsolutePath().toUri().toString());
        // stdout and stderr to the file: Chromium talks on both (D-Bus is absent in containers), and a full pipe would block it
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("chromium ran over " + TIMEOUT_SECONDS + " s on " + page + "; its output:\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
        String said = Files.readString(err, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new AssertionError("chromium failed (exit " + p.exitValue() + ") on " + page + ":\n" + said);
        if (!Files.isRegularFile(png)) throw new AssertionError("chromium wrote no screenshot of " + page + "; its output:\n" + said);
        BufferedImage shot = ImageIO.read(png.toFile());
        if (shot == null) throw new AssertionError("chromium's screenshot " + png + " is not a PNG; its output:\n" + said);
        return shot;
    }
}
