package org.scrollwork.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run report as a user sees it: {@code report.html} of a small run ({@link ReportFixture}) opened in headless
 * Chromium ({@link HeadlessChromium}) in a 1280×2400 window, and the screenshot checked: the page has content, the
 * slice panels rendered (the grey texture of a scan slice somewhere), and nothing sticks out right of the page's
 * column or runs off the window. Each check is shown to fail on a page that has the defect it looks for. The
 * screenshot is kept at {@code -Dscrollwork.reportScreenshot} (default {@code target/report-screenshot.png}) for a
 * person to look at.
 */
@Tag("slow")
class ReportScreenshotTest {
    private static final int WIDTH = 1280, HEIGHT = 2400;
    @TempDir Path dir;

    @Test
    void theReportShowsItsTablesAndSlicePanelsWithinTheWindow() throws Exception {
        HeadlessChromium.assumeAvailable();
        ReportFixture.Run run = ReportFixture.run(dir.resolve("run"));
        // as `scrollwork run` puts in the run table: a scan's URL, the longest value there (eval's are absolute paths)
        ReportFacts facts = new ReportFacts.Pipeline("https://dl.ash2txt.org/full-scrolls/Scroll1/PHercParis4.volpkg/volumes_zarr_standardized/54keV_7.91um_Scroll1A.zarr/",
                "24×24×12 at 0,0,0", 60, 3, 7.25, 7.5, "planes");
        Path report = dir.resolve("report");
        Path html = run.report(report, facts);

        // each check is also shown to fail on a page with its defect: the report without its slice panels' PNGs (the
        // browser shows a broken image and its alt text), and the report with a section wider than the window
        Path noSlices = copy(report, dir.resolve("no-slices"));
        try (Stream<Path> s = Files.list(noSlices.resolve("plots"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("slice-")).toList()) Files.delete(p);
        }
        Path wide = copy(report, dir.resolve("wide"));
        ReconstructionReport.rewrite(wide, List.of(new ReconstructionReport.Section("Too wide",
                "<p style=\"white-space:nowrap\">" + "a line that runs on ".repeat(30) + "</p>")));
        Path png = Path.of(System.getProperty("scrollwork.reportScreenshot", "target/report-screenshot.png")).toAbsolutePath();
        Files.createDirectories(png.getParent());
        long t0 = System.nanoTime();
        ExecutorService browsers = Executors.newFixedThreadPool(3); // the three browsers at once
        Future<BufferedImage> shotF = browsers.submit(() -> HeadlessChromium.screenshot(html, png, WIDTH, HEIGHT, dir));
        Future<BufferedImage> brokenF = browsers.submit(() -> HeadlessChromium.screenshot(noSlices.resolve(ReconstructionReport.HTML),
                dir.resolve("no-slices.png"), WIDTH, HEIGHT, dir));
        Future<BufferedImage> wideF = browsers.submit(() -> HeadlessChromium.screenshot(wide.resolve(ReconstructionReport.HTML),
                dir.resolve("wide.png"), WIDTH, HEIGHT, dir));
        browsers.shutdown();
        BufferedImage shot = result(shotF), broken = result(brokenF), overflowing = result(wideF);
        System.out.printf(Locale.ROOT, "ReportScreenshotTest: three screenshots in %.1f s; the report's at %s%n", (System.nanoTime() - t0) / 1e9, png);

        assertEquals(WIDTH, shot.getWidth(), "screenshot width");
        assertEquals(HEIGHT, shot.getHeight(), "screenshot height");
        assertHasContent(shot);
        assertShowsASliceTexture(shot);
        assertWithinThePageColumn(shot);

        BufferedImage white = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.dispose();
        assertThrows(AssertionError.class, () -> assertHasContent(white));
        assertHasContent(broken);
        assertWithinThePageColumn(broken);
        assertThrows(AssertionError.class, () -> assertShowsASliceTexture(broken));
        assertShowsASliceTexture(overflowing);
        assertThrows(AssertionError.class, () -> assertWithinThePageColumn(overflowing));
    }

    /** The screenshot, or the browser's failure as it is. */
    private static BufferedImage result(Future<BufferedImage> f) throws Exception {
        try {
            return f.get(2, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) throw err;
            throw (Exception) e.getCause();
        }
    }

    /** At least 1.5 % of the pixels are not white (the report of the small run: 3.7 %; its text and tables alone: more than 1.5 %). */
    static void assertHasContent(BufferedImage shot) {
        long ink = 0;
        for (int y = 0; y < shot.getHeight(); y++) for (int x = 0; x < shot.getWidth(); x++) if (!white(shot.getRGB(x, y))) ink++;
        double fraction = ink / (double) (shot.getWidth() * shot.getHeight());
        assertTrue(fraction >= 0.015, String.format("the page looks blank: %.2f %% of its pixels are not white", 100 * fraction));
    }

    /**
     * Somewhere a 100×100 window is at least 90 % grey and not white, in at least 16 distinct grey levels: a slice of
     * a scan as the panels draw it (text, tables and line plots are mostly white, flat fills have one level).
     */
    static void assertShowsASliceTexture(BufferedImage shot) {
        int n = 100, best = 0;
        for (int oy = 0; oy + n <= shot.getHeight(); oy += 20) {
            for (int ox = 0; ox + n <= shot.getWidth(); ox += 20) {
                boolean[] levels = new boolean[256];
                int grey = 0, distinct = 0;
                for (int y = oy; y < oy + n && grey + (oy + n - y) * n >= 0.9 * n * n; y++) { // stop once 90 % is out of reach
                    for (int x = ox; x < ox + n; x++) {
                        int rgb = shot.getRGB(x, y), r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 6 || white(rgb)) continue;
                        grey++;
                        if (!levels[g]) {
                            levels[g] = true;
                            distinct++;
                        }
                    }
                }
                if (grey >= 0.9 * n * n) {
                    if (distinct >= 16) return;
                    best = Math.max(best, distinct);
                }
            }
        }
        throw new AssertionError("no slice panel in view: no 100x100 window is 90 % grey in 16 or more levels (at most " + best + " levels)");
    }

    /**
     * Nothing right of the page's column: the right margin is at least as wide as the left one (the page is centred),
     * and the rightmost 20 pixel columns are white all the way down (nothing is wider than the window).
     */
    static void assertWithinThePageColumn(BufferedImage shot) {
        int w = shot.getWidth(), left = w;
        for (int y = 0; y < shot.getHeight(); y++) for (int x = 0; x < left; x++) if (!white(shot.getRGB(x, y))) left = x;
        int edge = Math.min(w - 20, w - left + 4);
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = edge; x < w; x++) {
                if (!white(shot.getRGB(x, y))) throw new AssertionError("content at (" + x + ", " + y + "), right of the page's column (the left margin is "
                        + left + " px, so nothing belongs at x >= " + edge + " in a " + w + " px window)");
            }
        }
    }

    private static boolean white(int rgb) {
        return ((rgb >> 16) & 0xff) >= 245 && ((rgb >> 8) & 0xff) >= 245 && (rgb & 0xff) >= 245;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }
}
