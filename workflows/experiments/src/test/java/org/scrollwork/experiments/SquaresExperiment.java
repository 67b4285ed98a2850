package org.scrollwork.experiments;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.pipeline.report.Plots;

/** A test-only experiment: a table of i and i² for i = 1..n, and their plot. */
public final class SquaresExperiment implements Experiment {
    @Override public String name() {
        return "test-squares";
    }

    @Override public String summary() {
        return "test only: squares of 1..n";
    }

    @Override public ExperimentResult run(ExperimentConfig config, Path workDir, Progress progress) {
        int n = config.intValue("n", 2);
        double scale = config.doubleValue("scale", 1.0);
        progress.log("squaring");
        ResultTable t = new ResultTable("squares", List.of("i", "i²"));
        double[] x = new double[n], y = new double[n];
        long sum = 0;
        try (Progress.Task task = progress.start("squaring", n)) {
            for (int i = 1; i <= n; i++) {
                t.row(i, scale * i * i);
                x[i - 1] = i;
                y[i - 1] = scale * i * i;
                sum += (long) i * i;
                task.advance(i, n);
            }
        }
        return new ExperimentResult("sum of squares " + sum, List.of(t),
                Map.of("squares", Plots.linePlot("squares", "i", "i²", List.of(new Plots.Series("i²", x, y)))), Map.of("sum", sum));
    }
}
