package org.scrollwork.experiments;

import java.io.IOException;
import java.nio.file.Path;
import org.scrollwork.pipeline.Progress;

/**
 * A measured experiment: one of the proposal's mechanisms (a baseline and the mechanism, the same data and budget,
 * a results table and a plot), or one of the reconstruction, distillation and prior studies behind the numbers in
 * docs/. Each reads its settings once, into a record validated in its constructor ({@link ExperimentConfig#validated}).
 * Implementations are found with {@link java.util.ServiceLoader}
 * (list them in {@code META-INF/services/org.scrollwork.experiments.Experiment}) and run by
 * {@code bin/scrollwork experiment NAME}, whose default config is {@code workflows/experiments/src/main/resources/experiments/NAME.yaml}.
 */
public interface Experiment {

    /** Short name used on the command line and as the config file name, e.g. {@code online-learning}. */
    String name();

    /** One line saying what is compared with what. */
    String summary();

    /**
     * Runs the experiment. Reads every setting from {@code config} (with defaults, so an empty config runs
     * the documented default); may write working files under {@code workDir}; returns the tables, plots and
     * headline, which the caller writes next to them. Reports its phases as log lines and their steps as tasks to {@code progress}.
     */
    ExperimentResult run(ExperimentConfig config, Path workDir, Progress progress) throws IOException;
}
