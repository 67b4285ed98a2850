package org.scrollwork.experiments.mechanisms;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test: the moe experiment end to end on a tiny crop and model. */
class MoeExperimentTest {
    @Test
    void tinyRunGivesOneRowPerArmWithFiniteNumbers(@TempDir Path dir) throws Exception {
        Map<String, Object> s = new LinkedHashMap<>(Map.of("crop", 12, "width", 16, "depth", 1, "batch", 64, "steps", 6, "evalEvery", 3,
                "evalSamples", 256, "experts", 4, "topK", List.of(1, 2)));
        s.putAll(Map.of("timingRounds", 1, "timingSteps", 2));
        MechanismSmoke.run("moe", s, dir, 3, 8);
    }
}
