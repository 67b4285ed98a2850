package org.scrollwork.workflows.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import org.scrollwork.pipeline.run.RunListener;

/** A pipeline run on the command line: log lines to people's output, one progress bar (stderr) per long stage. */
final class CliRunListener implements RunListener {
    private final PrintWriter out;
    private final Map<String, ProgressBar> bars = new HashMap<>();

    CliRunListener(PrintWriter out) { this.out = out; }

    @Override public void log(String line) {
        out.println(line);
        out.flush();
    }

    @Override public void stageStarted(String stage, long done, long total, double elapsedSeconds) {
        bars.put(stage, Progress.bar(stage, total, done, elapsedSeconds));
    }

    @Override public void progress(String stage, long done, long total, String message) {
        ProgressBar bar = bars.computeIfAbsent(stage, s -> Progress.bar(s, total));
        bar.stepTo(done);
        bar.setExtraMessage(message);
    }

    @Override public void stageEnded(String stage) {
        ProgressBar bar = bars.remove(stage);
        if (bar != null) bar.close();
    }
}
