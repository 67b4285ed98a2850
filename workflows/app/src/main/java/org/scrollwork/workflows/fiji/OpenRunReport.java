package org.scrollwork.workflows.fiji;

import ij.IJ;
import ij.ImagePlus;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import org.scrollwork.workflows.app.RunReports;
import org.scrollwork.pipeline.Progress;

/** Plugins &gt; Scrollwork &gt; Open run report...: a run's {@code report.html} in the browser ({@link RunReports}). */
public final class OpenRunReport extends ScrollworkCommand {
    @Override protected ImagePlus perform(Progress progress) {
        Path runDir = Path.of(new Parameters("Open run report").rememberedDirectory("run directory", PREF + "run").ask().required("run"));
        Path report = GraphicsEnvironment.isHeadless() ? RunReports.locate(runDir) : RunReports.open(runDir);
        IJ.showStatus("Scrollwork: " + report);
        return null;
    }
}
