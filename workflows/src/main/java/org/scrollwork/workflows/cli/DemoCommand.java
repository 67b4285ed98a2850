package org.scrollwork.workflows.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.scrollwork.io.Format;
import org.scrollwork.io.Formats;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.phantom.Phantom;
import org.scrollwork.phantom.PhantomConfig;
import org.scrollwork.phantom.PhantomGenerator;
import org.scrollwork.phantom.PhantomWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scrollwork demo}: the main job on the embedded default. Generates a phantom scroll, writes
 * its fine scan in every supported format, reads each back and prints a comparison table, then runs the
 * held-out-slice reconstruction experiment and writes its report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Runs the main job on an embedded phantom scroll, ending in a report.",
        description = {"Runs the main job on an embedded phantom scroll: generates it, writes it in every supported format,",
                "reads each back and prints a comparison table; then puts a region of the scan into a corpus, holds out every",
                "second slice, trains an AUNN on the rest and scores its reconstruction of the held-out slices against",
                "trilinear and tricubic interpolation (PSNR, SSIM). Everything lands in a run directory, with renders (TIFF),",
                "plots (PNG) and report.html."})
public final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--run", description = "run directory (default: runs/demo-<time> under the current directory)") Path run;

    @Option(names = "--size", split = ",", paramLabel = "X,Y,Z", description = "phantom size in voxels (default 96,96,64)") int[] size;

    @Option(names = "--seed", defaultValue = "1", description = "phantom seed (default ${DEFAULT-VALUE})") long seed;

    @Option(names = "--steps", defaultValue = "1500",
            description = "AUNN training steps on the held-out-slice experiment, 0 to skip it (default ${DEFAULT-VALUE})") int steps;

    @Option(names = "--crop", defaultValue = "64", description = "edge of the region the AUNN learns (default ${DEFAULT-VALUE})") int crop;

    private Path report;

    @Override public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = run != null ? run : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        PhantomConfig config = PhantomCommand.config(size, seed, null);
        long t0 = System.nanoTime();
        Phantom phantom = PhantomGenerator.generate(config);
        PhantomWriter.write(phantom, dir.resolve("phantom"), Formats.byName("ome-zarr").orElseThrow());
        out.printf("Phantom %s: %s voxels at %.0f µm, %d letters of Greek in ink (%.1f s) -> %s%n", phantom.groundTruth().scrollId(),
                shape(phantom.fine().shape()), phantom.fine().voxelSizeUm(), phantom.groundTruth().text().length(),
                (System.nanoTime() - t0) / 1e9, dir.resolve("phantom"));
        Volume<?> scan = phantom.fine().scans().get(0);
        out.println();
        out.println("Every format, written and read back (" + scan.meta().scanId().orElse("scan") + "):");
        out.printf("| %-12s | %-32s | %9s | %8s | %8s | %10s | %-10s | %-6s |%n", "format", "file", "disk KiB", "write ms", "read ms",
                "max |diff|", "voxel µm", "keV");
        out.println("|--------------|----------------------------------|----------:|---------:|---------:|-----------:|------------|--------|");
        Path formatsDir = dir.resolve("formats");
        for (Format f : Formats.all()) {
            String ext = f.extensions().isEmpty() ? "" : f.extensions().get(0);
            Path p = formatsDir.resolve("scan-" + f.name() + ext);
            long w0 = System.nanoTime();
            f.createWriter().write(p, scan);
            long w1 = System.nanoTime();
            Volume<?> back = Formats.read(p, 0);
            double diff = Volumes.maxAbsDifference(scan.image(), back.image());
            long w2 = System.nanoTime();
            out.printf("| %-12s | %-32s | %9.1f | %8.1f | %8.1f | %10.3g | %-10s | %-6s |%n", f.name(), dir.relativize(p), sizeOf(p) / 1024.0,
                    (w1 - w0) / 1e6, (w2 - w1) / 1e6, diff,
                    back.meta().voxelSizeUm().map(v -> String.format("%.2f", v.xUm())).orElse("absent"),
                    back.meta().beamEnergyKeV().map(e -> String.format("%.0f", e)).orElse("absent"));
        }
        if (steps > 0) report = SliceExperiment.run(out, dir, scan, crop, steps, seed, dir.resolve("phantom").toAbsolutePath().toString());
        if (report != null) out.println("Report (open in a browser): " + report.toAbsolutePath());
        out.println();
        out.println("Run directory: " + dir.toAbsolutePath());
        out.println("Open any scan in Fiji, or inspect it with: bin/scrollwork info " + formatsDir.resolve("scan-ome-zarr.ome.zarr"));
        return 0;
    }

    private static String shape(long[] s) { return s[0] + "×" + s[1] + "×" + s[2]; }

    private static long sizeOf(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
