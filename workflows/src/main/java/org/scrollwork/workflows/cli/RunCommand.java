package org.scrollwork.workflows.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scrollwork.io.Formats;
import org.scrollwork.io.Volume;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scrollwork run SCAN --out DIR}: the reconstruction run on a researcher's own scan, from file to report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Runs the reconstruction on your own scan, from file to report.",
        description = {"Runs the held-out-slice reconstruction on your scan (any supported format, uint8 or uint16): a centred",
                "crop goes into a new corpus, every second z slice is held out, an AUNN trains on the rest, and its reconstruction",
                "is scored against trilinear and tricubic interpolation. DIR gets corpus/, train/ (restartable) and report/",
                "(report.html, calibrated TIFF renders, plots)."})
public final class RunCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCAN", description = "scan file or folder") Path scan;

    @Option(names = "--out", required = true, description = "run directory (must not hold a corpus yet)") Path out;

    @Option(names = "--level", defaultValue = "0", description = "resolution level of a pyramid (default ${DEFAULT-VALUE})") int level;

    @Option(names = "--crop", defaultValue = "64", description = "edge of the region the AUNN learns, in voxels (default ${DEFAULT-VALUE}; z gets half)") int crop;

    @Option(names = "--steps", defaultValue = "1500", description = "training steps (default ${DEFAULT-VALUE})") int steps;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})") long seed;

    @Override public Integer call() throws IOException {
        if (Files.exists(out.resolve("corpus"))) {
            throw new IllegalArgumentException(out + " already holds a corpus; choose a new --out (train again with: scrollwork train --corpus "
                    + out.resolve("corpus") + " --run " + out.resolve("train") + ")");
        }
        Files.createDirectories(out);
        Volume<?> v = Formats.read(scan, level);
        Path report = SliceExperiment.run(spec.commandLine().getOut(), out, v, crop, steps, seed, scan.toAbsolutePath().toString());
        spec.commandLine().getOut().println("Report (open in a browser): " + report.toAbsolutePath());
        return 0;
    }
}
