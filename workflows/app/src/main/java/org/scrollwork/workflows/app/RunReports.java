package org.scrollwork.workflows.app;

import ij.plugin.BrowserLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's HTML report, opened in the system browser: {@value #FILE} in the run directory, or in its
 * {@code report/} folder where {@code scrollwork eval} and {@code scrollwork demo} write it.
 */
public final class RunReports {
    public static final String FILE = "report.html";

    private RunReports() {}

    /**
     * The report of a run.
     *
     * @throws IllegalArgumentException naming the run and what is there instead when there is no report yet
     */
    public static Path locate(Path runDir) {
        if (!Files.isDirectory(runDir)) throw new IllegalArgumentException("run directory " + runDir + " does not exist");
        Path report = runDir.resolve(FILE);
        if (!Files.isRegularFile(report) && Files.isRegularFile(runDir.resolve("report").resolve(FILE))) report = runDir.resolve("report").resolve(FILE);
        if (!Files.isRegularFile(report)) {
            boolean trained = Files.exists(runDir.resolve(org.scrollwork.pipeline.TrainingRun.METRICS));
            throw new IllegalArgumentException("run " + runDir + " has no " + FILE + " yet"
                    + (trained ? " (it has training metrics; write the report with: scrollwork eval --corpus CORPUS --run " + runDir + " --record N)"
                               : " (nothing has been trained in it yet)"));
        }
        return report;
    }

    /** Opens the report in the browser and returns its path. */
    public static Path open(Path runDir) {
        Path report = locate(runDir);
        try {
            BrowserLauncher.openURL(report.toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a browser for " + report + ": " + e.getMessage(), e);
        }
        return report;
    }
}
