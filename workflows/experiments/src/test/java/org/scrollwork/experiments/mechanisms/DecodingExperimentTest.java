package org.scrollwork.experiments.mechanisms;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.experiments.ExperimentResult;

/** Smoke test: the decoding experiment on a tiny grid; both ways give the same values. */
class DecodingExperimentTest {
    @Test
    void tinyRunGivesOneRowPerRangeCountAndBatch(@TempDir Path dir) throws Exception {
        ExperimentResult r = MechanismSmoke.run("decoding", Map.of("crop", 12, "width", 16, "depth", 1, "patch", 4, "ranges", List.of(1, 6),
                "batches", List.of(64, 512), "repeats", 1), dir, 4, 8);
        assertTrue((double) r.numbers().get("maxAbsDifference") < 1e-3, r.numbers().toString());
    }
}
