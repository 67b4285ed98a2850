package org.scrollwork.experiments.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;

/** The prior experiments' {@code model} setting and their configs' defaults (the commands in docs/language-prior.md). */
class ModelSpecTest {

    @Test
    void anOrderAFileOrAFileMixedWithAnOrder() {
        assertEquals(new ModelSpec(Optional.empty(), OptionalInt.of(8)), ModelSpec.parse("model", "8"));
        assertEquals(new ModelSpec(Optional.of(Path.of("charlm.swlm")), OptionalInt.empty()), ModelSpec.parse("model", "charlm.swlm"));
        assertEquals(new ModelSpec(Optional.of(Path.of("charlm.swlm")), OptionalInt.of(8)), ModelSpec.parse("model", "charlm.swlm+8"));
        assertEquals("charlm.swlm+8", ModelSpec.parse("model", "charlm.swlm+8").toString());
        assertEquals("'model' must be ORDER, FILE or FILE+ORDER with ORDER at least 1, not 'a.swlm+0'",
                assertThrows(InvalidSetting.class, () -> ModelSpec.parse("model", "a.swlm+0")).getMessage());
        assertThrows(InvalidSetting.class, () -> ModelSpec.parse("model", "+8"));
    }

    @Test
    void defaultsAreTheDocumentedRuns() {
        ExperimentConfig none = ExperimentConfig.empty();
        RestorationSamples all = new RestorationSamples(500, 200);
        assertEquals(new PriorTrainConfig(2500, 384, 2, 0.4, 0.005, Path.of("charlm.swlm"), 0.05, 0, all), PriorTrainConfig.from(none));
        assertEquals(new PriorDynamicConfig(Path.of("charlm.swlm"), 32, List.of(0.1, 0.2, 0.3), false), PriorDynamicConfig.from(none));
        assertEquals(new PriorNgramCacheConfig(8, 8, 100, List.of(0.1, 0.15, 0.2, 0.3)), PriorNgramCacheConfig.from(none));
        assertEquals(0, PriorDocumentConfig.from(none).order());
        assertEquals(8, PriorDocumentConfig.from(none.with("model", "charlm.swlm+8")).order());
        assertEquals(new RestorationSamples(100, 20), PriorNgramConfig.from(none.with("singles", "100").with("spans", "20")).samples());
    }
}
