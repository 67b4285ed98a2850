package org.scrollwork.experiments.mechanisms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.Experiments;
import org.scrollwork.experiments.ResultTable;

/** Runs an experiment (found by name, as the CLI does) with a tiny config and checks its first table's shape and numbers. */
final class MechanismSmoke {
    private MechanismSmoke() {}

    static ExperimentResult run(String name, Map<String, Object> settings, Path dir, int rows, int columns) throws IOException {
        Experiment e = Experiments.named(name);
        ExperimentConfig config = new ExperimentConfig("test", settings);
        ExperimentResult r = e.run(config, dir, Progress.silent());
        assertTrue(config.unused().isEmpty(), "unused settings " + config.unused());
        ResultTable t = r.tables().get(0);
        assertEquals(columns, t.columns().size(), t.toMarkdown());
        assertEquals(rows, t.rows().size(), t.toMarkdown());
        for (var row : t.rows()) {
            for (Object cell : row) if (cell instanceof Number n) assertTrue(Double.isFinite(n.doubleValue()), t.toMarkdown());
        }
        assertTrue(!r.plots().isEmpty() && !r.headline().isBlank());
        return r;
    }
}
