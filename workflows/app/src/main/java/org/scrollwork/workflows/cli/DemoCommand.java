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
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.run.PipelineRun;
import org.scrollwork.pipeline.run.RunConfig;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scrollwork demo}: the main job on the embedded default. Generates a phantom scroll, writes
 * its fine scan in every supported volume format (not the single-image PNG and JPEG), reads each back and prints a comparison table, then runs the
 * held-out-slice reconstruction experiment and writes its report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Runs the main job on an embedded phantom scroll, ending in a report.",
        description = {"Runs the main job on an embedded phantom scroll: generates it, writes it in every volume format,",
                "reads each back and prints a comparison table; then runs the whole pipeline (as scrollwork run) on a region of its",
                "4 µm scan with its transcription: ingest (every second slice and spans of letters held out), train, distill the Greek",
                "language prior (counted on the SBLGNT, fetched from Debian's bibledit-data on first use and cached; without it, on the",
                "transcription's own letters), render (region, text readings with and without the prior, the reading as letter labels over the scan),",
                "evaluate (held-out slices against trilinear and tricubic interpolation and non-local means + trilinear; hidden letters) and report.html.",
                "Rerunning with the same --run skips finished stages."})
public final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--run", description = "run directory (default: runs/demo-<time> under the current directory)") Path run;

    @Option(names = "--size", split = ",", paramLabel = "X,Y,Z", description = "phantom size in voxels (default 96,96,64)") int[] size;

    @Option(names = "--seed", defaultValue = "1", description = "phantom seed (default ${DEFAULT-VALUE})") long seed;

    @Option(names = "--steps", defaultValue = "" + TrainingDefaults.STEPS,
            description = "AUNN training steps at most (training stops earlier once the validation slices stop improving), 0 to skip the "
                    + "reconstruction (default ${DEFAULT-VALUE})") int steps;

    @Mixin EmbeddingOptions embedding;

    @Option(names = "--crop", defaultValue = "64", description = "edge of the region the AUNN learns (default ${DEFAULT-VALUE})") int crop;

    @Option(names = "--distill-steps", defaultValue = "300", description = "distillation steps (default ${DEFAULT-VALUE})") int distillSteps;

    @Option(names = "--no-fetch", description = "do not download the SBLGNT for the language prior: use it only when cached, else count the "
            + "prior on the transcription's own letters (by default it is fetched from Debian's bibledit-data on first use, as 'lm train' does)") boolean noFetch;

    @Mixin JsonOutput json;

    /** Where the prior's SBLGNT comes from (a stand-in in tests). */
    SblgntSupply sblgntSupply = SblgntSupply.debian();

    @Override public Integer call() throws IOException {
        PrintWriter out = json.human(spec);
        ObjectNode result = json.object();
        Path dir = run != null ? run : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        // the prior's corpus first: fetched, the SBLGNT also gives the phantom its text (John), as on a machine that has it cached
        Path sblgnt = steps > 0 ? PipelinePrior.sblgnt(dir, sblgntSupply, !noFetch, spec.commandLine().getErr()).orElse(null) : sblgntSupply.cached();
        PhantomConfig config = PhantomCommand.config(size, seed, null, sblgnt);
        long t0 = System.nanoTime();
        Phantom phantom = PhantomGenerator.generate(config);
        Path phantomDir = dir.resolve("phantom");
        // a rerun keeps the phantom the run's stages were made from (same seed and size give the same bytes anyway)
        if (!Files.exists(phantomDir.resolve(PhantomWriter.GROUND_TRUTH))) PhantomWriter.write(phantom, phantomDir, Formats.byName("ome-zarr").orElseThrow());
        result.put("runDirectory", dir.toAbsolutePath().toString());
        result.put("phantom", phantomDir.toAbsolutePath().toString());
        result.put("scrollId", phantom.groundTruth().scrollId());
        result.put("letters", phantom.groundTruth().text().length());
        ArrayNode formats = result.putArray("formats");
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
        for (Format f : Formats.all().stream().filter(f -> !f.singleImage()).toList()) {
            String ext = f.extensions().isEmpty() ? "" : f.extensions().get(0);
            Path p = formatsDir.resolve("scan-" + f.name() + ext);
            long w0 = System.nanoTime();
            f.createWriter().write(p, scan);
            long w1 = System.nanoTime();
            Volume<?> back = Formats.read(p, 0);
            double diff = Volumes.maxAbsDifference(scan.image(), back.image());
            long w2 = System.nanoTime();
            ObjectNode row = formats.addObject();
            row.put("format", f.name());
            row.put("file", p.toAbsolutePath().toString());
            row.put("diskBytes", sizeOf(p));
            row.put("writeMs", (w1 - w0) / 1e6);
            row.put("readMs", (w2 - w1) / 1e6);
            row.put("maxAbsDifference", diff);
            back.meta().voxelSizeUm().ifPresent(v -> row.put("voxelSizeUm", v.xUm()));
            back.meta().beamEnergyKeV().ifPresent(e -> row.put("energyKeV", e));
            out.printf("| %-12s | %-32s | %9.1f | %8.1f | %8.1f | %10.3g | %-10s | %-6s |%n", f.name(), dir.relativize(p), sizeOf(p) / 1024.0,
                    (w1 - w0) / 1e6, (w2 - w1) / 1e6, diff,
                    back.meta().voxelSizeUm().map(v -> String.format("%.2f", v.xUm())).orElse("absent"),
                    back.meta().beamEnergyKeV().map(e -> String.format("%.0f", e)).orElse("absent"));
        }
        if (steps > 0) {
            out.println();
            String fine = phantom.fine().voxelLabel();
            String scanName = phantom.volumes().get(0).name(); // the fine scan at the first beam energy
            RunConfig rc = RunConfig.of(phantomDir.resolve(scanName + ".ome.zarr"), 0, crop, steps, seed).withDistill(distillSteps, 5e-4)
                    .withEncoding(embedding.encoding(), TrainingDefaults.PATIENCE)
                    .withCleanScan(phantomDir.resolve(scanName.replaceFirst("^scan-", "clean-") + ".ome.zarr")).withPrior(sblgnt);
            if (phantom.groundTruth().text().length() <= rc.hideEvery()) {
                out.println("The phantom is too small to carry text (" + phantom.groundTruth().text().length() + " letters): the run has no text stages.");
            } else rc = rc.withText(phantomDir.resolve(PhantomWriter.TEXT), phantomDir.resolve("letters-" + fine + ".ome.zarr"), phantomDir.resolve(PhantomWriter.GROUND_TRUTH));
            PipelineRun.Outcome o = PipelineRun.run(dir, rc, new ConsoleProgress(out));
            RunCommand.printScores(out, o);
            result.set("pipeline", RunCommand.outcome(o));
            result.put("report", o.report().toAbsolutePath().toString());
            out.println("Report (open in a browser): " + o.report().toAbsolutePath());
        }
        out.println();
        out.println("Run directory: " + dir.toAbsolutePath());
        out.println("Open any scan in Fiji, or inspect it with: bin/scrollwork info " + formatsDir.resolve("scan-ome-zarr.ome.zarr"));
        return json.emit(spec, result);
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
