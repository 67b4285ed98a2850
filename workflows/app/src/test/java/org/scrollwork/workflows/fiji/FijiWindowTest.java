package org.scrollwork.workflows.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImageJ in a real window: a child JVM ({@link WindowedRun}) on the display in {@code DISPLAY}, or
 * on an Xvfb server this test starts when there is none (Debian package {@code xvfb}, installed by
 * {@code bin/setup-references}). Without either the test fails, naming what to install. The
 * screenshot goes to {@code -Dscrollwork.screenshot} (default {@code target/fiji-screenshot.png}).
 */
@Tag("slow")
class FijiWindowTest {
    @TempDir Path dir;

    private static Process xvfb;
    private static String display;

    @BeforeAll
    static void display() throws Exception {
        display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            int n = freeDisplay();
            display = ":" + n;
            xvfb = startXvfb(n);
        }
    }

    @AfterAll
    static void stopXvfb() throws InterruptedException {
        if (xvfb != null) {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void reconstructBoxFromAMacroInARealImageJWindow() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        pluginsConfigJar(plugins.resolve("Scrollwork_Test.jar"));
        Path png = Path.of(System.getProperty("scrollwork.screenshot", "target/fiji-screenshot.png")).toAbsolutePath();
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-Djava.awt.headless=false", "-Dai.djl.offline=true",
                    "-Dplugins.dir=" + dir, "-cp", System.getProperty("java.class.path"), WindowedRun.class.getName(), png.toString(),
                    dir.resolve("work").toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
            pb.environment().put("DISPLAY", display);
            Process child = pb.start();
            if (!child.waitFor(240, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                fail("ImageJ child did not finish in 240 s; log:\n" + Files.readString(dir.resolve("child.log")));
            }
            String log = Files.readString(dir.resolve("child.log"));
            System.out.println(log);
            assertEquals(0, child.exitValue(), "ImageJ child failed; log:\n" + log);
            assertTrue(log.contains("reconstruction window: phantom 4um reconstruction 36x24x4"), log);
        }
        BufferedImage shot = ImageIO.read(png.toFile());
        assertTrue(shot.getWidth() >= 800 && shot.getHeight() >= 600, "screenshot " + shot.getWidth() + "x" + shot.getHeight());
        assertTrue(distinctColours(shot) > 50, "the screenshot shows windows, not a blank screen");
    }

    /**
     * The plugin as Fiji loads it: ImageJ alone on the class path, the plugin and every dependency in
     * jars under {@code plugins/} (ImageJ's own class loader), a macro running "Train AUNN..." in batch
     * mode. Catches what only a plugin class loader shows (DJL finding its engine, Formats' services).
     */
    @Test
    void trainFromAMacroWithThePluginLoadedByImageJsClassLoader() throws Exception {
        Path home = dir.resolve("imagej");
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Path jars = Files.createDirectories(plugins.resolve("jars"));
        String ij = null;
        int i = 0;
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (p.getFileName().toString().startsWith("ij-") && entry.endsWith(".jar")) {
                ij = entry;
            } else if (Files.isDirectory(p) && Files.exists(p.resolve("plugins.config"))) { // workflows/app/target/classes
                directoryJar(p, plugins.resolve("Scrollwork_Test.jar"));
            } else if (Files.isDirectory(p)) {
                if (!p.endsWith("test-classes")) directoryJar(p, jars.resolve("module-" + (i++) + ".jar"));
            } else if (entry.endsWith(".jar")) {
                Files.createSymbolicLink(jars.resolve(p.getFileName()), p);
            }
        }
        if (ij == null) fail("net.imagej:ij is not on the test class path: " + cp);
        if (!Files.exists(plugins.resolve("Scrollwork_Test.jar"))) fail("workflows/app/target/classes is not on the test class path: " + cp);

        Path corpus = dir.resolve("corpus");
        ij.ImageStack stack = new ij.ImageStack(16, 8);
        for (int z = 0; z < 4; z++) {
            ij.process.ByteProcessor bp = new ij.process.ByteProcessor(16, 8);
            for (int y = 0; y < 8; y++) for (int x = 0; x < 16; x++) bp.set(x, y, (x * 7 + y * 13 + z * 31) % 256);
            stack.addSlice(bp);
        }
        try (org.scrollwork.corpus.Corpus c = CorpusImages.openOrCreate(corpus)) {
            CorpusImages.append(c, new ij.ImagePlus("ramp", stack), "ct", new ImageJProgress());
        }
        Path run = dir.resolve("run");
        Path macro = dir.resolve("train.ijm");
        Files.writeString(macro, "run(\"Train AUNN...\", \"corpus=[" + corpus + "] run=[" + run
                + "] steps=10 width=16 depth=1 batch=64 lr=0.003 schedule=random seed=1\");\nprint(\"macro finished\");\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-Djava.awt.headless=false", "-Dplugins.dir=" + home, "-cp", ij, "ij.ImageJ",
                "-batch", macro.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("batch.log").toFile());
        pb.environment().put("DISPLAY", display);
        Process child = pb.start();
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            fail("ImageJ -batch did not finish in 120 s; log:\n" + Files.readString(dir.resolve("batch.log")));
        }
        String log = Files.readString(dir.resolve("batch.log"));
        System.out.println(log);
        assertTrue(log.contains("macro finished"), log);
        assertTrue(Files.exists(run.resolve("metrics.jsonl")), "no metrics.jsonl in " + run + "; log:\n" + log);
        assertEquals(2, Files.readAllLines(run.resolve("metrics.jsonl")).size(), "evaluations at steps 5 and 10; log:\n" + log);
    }

    /** A jar of a directory of classes and resources. */
    private static void directoryJar(Path root, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             java.util.stream.Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                j.putNextEntry(new ZipEntry(root.relativize(f).toString().replace(java.io.File.separatorChar, '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
    }

    /** A plugin jar holding only the plugin's plugins.config (its classes are on the child's class path). */
    private static void pluginsConfigJar(Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             InputStream config = FijiWindowTest.class.getResourceAsStream("/plugins.config")) {
            if (config == null) fail("plugins.config is not on the class path");
            j.putNextEntry(new ZipEntry("plugins.config"));
            config.transferTo(j);
            j.closeEntry();
        }
    }

    private static int freeDisplay() {
        for (int n = 90; n < 200; n++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) return n;
        }
        throw new IllegalStateException("no free X display number in :90..:199");
    }

    private static Process startXvfb(int n) throws Exception {
        Path xvfb = null;
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, "Xvfb"))) xvfb = Path.of(d, "Xvfb");
        }
        if (xvfb == null) fail("DISPLAY is not set and Xvfb is not installed: run bin/setup-references (Debian package xvfb) or set DISPLAY");
        Process p = new ProcessBuilder(xvfb.toString(), ":" + n, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path socket = Path.of("/tmp/.X11-unix/X" + n);
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            if (!p.isAlive()) fail("Xvfb :" + n + " exited with " + p.exitValue());
            Thread.sleep(100);
        }
        if (!Files.exists(socket)) {
            p.destroy();
            fail("Xvfb :" + n + " did not open " + socket + " within 10 s");
        }
        return p;
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) for (int x = 0; x < img.getWidth(); x += 3) seen.add(img.getRGB(x, y));
        return seen.size();
    }
}
