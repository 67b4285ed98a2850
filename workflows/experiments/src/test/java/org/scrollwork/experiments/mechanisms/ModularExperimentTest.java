package org.scrollwork.experiments.mechanisms;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test: the modular experiment on tiny crops; one row for the single AUNN and one per consistency weight. */
class ModularExperimentTest {
    @Test
    void tinyRunGivesARowPerArm(@TempDir Path dir) throws Exception {
        MechanismSmoke.run("modular", Map.of("crop", 12, "moduleWidth", 8, "depth", 1, "batch", 64, "steps", 6, "evalEvery", 3,
                "evalSamples", 256, "consistency", List.of(0, 1)), dir, 3, 6);
    }
}
