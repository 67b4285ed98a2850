package org.scrollwork.experiments.mechanisms;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test: the consolidation experiment on a tiny crop and model; one row for the full model and one per piece count. */
class ConsolidationExperimentTest {
    @Test
    void tinyRunGivesARowPerPieceCount(@TempDir Path dir) throws Exception {
        MechanismSmoke.run("consolidation", Map.of("crop", 12, "width", 16, "depth", 2, "steps", 10, "batch", 64, "to", 2,
                "pieces", List.of(1, 3), "kmeansIterations", 3, "timingRounds", 1), dir, 3, 7);
    }
}
