package org.scrollwork.experiments.mechanisms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.Experiments;
import org.scrollwork.experiments.ResultTable;

/** Each mechanism experiment of issue 7 (mech7a's five) on a tiny config: found by name, table shape, finite numbers, a plot. */
class MechanismExperimentsTest {
    @TempDir Path dir;

    private ExperimentResult run(String name, Map<String, Object> values) throws IOException {
        Experiment e = Experiments.named(name);
        ExperimentConfig c = new ExperimentConfig("tiny", values);
        ExperimentResult r = e.run(c, dir, Progress.silent());
        assertTrue(c.unused().isEmpty(), "unused keys " + c.unused());
        assertFalse(r.plots().isEmpty(), name + " has a plot");
        assertFalse(r.headline().isBlank());
        return r;
    }

    private static void assertShape(ResultTable t, int rows, int columns) {
        assertEquals(columns, t.columns().size(), t.title());
        assertEquals(rows, t.rows().size(), t.toMarkdown());
        for (List<Object> row : t.rows()) {
            assertEquals(columns, row.size());
            for (Object cell : row) if (cell instanceof Number n) assertTrue(Double.isFinite(n.doubleValue()), t.toMarkdown());
        }
    }

    @Test
    void onlineLearning() throws IOException {
        ExperimentResult r = run("online-learning", Map.of("data", "phantom", "phantomScrolls", 2, "crop", 8, "width", 16, "depth", 1,
                "batch", 32, "steps", 8, "dynamicChunk", 64));
        assertShape(r.tables().get(0), 2, 7);
    }

    @Test
    void localRule() throws IOException {
        ExperimentResult r = run("local-rule", Map.of("data", "phantom", "crop", 8, "width", 16, "depth", 1, "batch", 32, "steps", 5, "chunk", 64,
                "backpropLrs", List.of(1e-3), "deltaLrs", List.of(0.1), "dfaLrs", List.of(0.1, 0.2)));
        assertShape(r.tables().get(0), 5, 7);
    }

    @Test
    void hardSamples() throws IOException {
        ExperimentResult r = run("hard-samples", Map.of("crop", 8, "width", 16, "depth", 1, "batch", 32, "steps", 6, "inverseRefreshEvery", 3,
                "inverseRestarts", 4, "inverseSteps", 3));
        assertShape(r.tables().get(0), 3, 7);
    }

    @Test
    void daydream() throws IOException {
        ExperimentResult r = run("daydream", Map.of("crop", 8, "box", 2, "width", 16, "depth", 1, "batch", 32, "steps", 6, "maxRounds", 2, "stepsPerRound", 2));
        assertShape(r.tables().get(0), 4, 4);
    }

    @Test
    void retrieval() throws IOException {
        ExperimentResult r = run("retrieval", Map.of("documents", 4, "transcripts", 2, "queries", 2, "width", 16, "depth", 1, "batch", 32, "steps", 4,
                "promptSteps", 1, "replaySteps", 1));
        assertShape(r.tables().get(0), 5, 3);
        assertShape(r.tables().get(1), 3, 2);
    }

    @Test
    void daydreamOnText() throws IOException {
        ExperimentResult r = run("daydream", Map.of("data", "text", "letters", 256, "span", 16, "width", 16, "depth", 1, "batch", 32, "steps", 6,
                "maxRounds", 2, "stepsPerRound", 2));
        assertShape(r.tables().get(0), 4, 4);
    }
}
