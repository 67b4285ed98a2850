package org.scrollwork.experiments.reconstruction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.model.GeometrySpec.GridLevel;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.ExperimentConfigException;
import org.scrollwork.pipeline.TrainingDefaults;

/** The reconstruction experiments' typed configs: what the old positional arguments meant, now by name. */
class ReconstructionConfigsTest {

    @Test
    void multiResolutionDefaultsAreTheOldMainsAndListsComeFromOneSetting() {
        assertEquals(new MultiResolutionConfig(120, List.of(MultiResolutionConfig.Layout.NATIVE, MultiResolutionConfig.Layout.COREGISTERED), 512,
                List.of(IndexEmbedding.BITS)), MultiResolutionConfig.from(ExperimentConfig.empty()));
        MultiResolutionConfig c = MultiResolutionConfig.from(ExperimentConfig.empty().with("steps", "400").with("layouts", "native").with("batch", "2048")
                .with("embeddings", "bits,geometry"));
        assertEquals(new MultiResolutionConfig(400, List.of(MultiResolutionConfig.Layout.NATIVE), 2048, List.of(IndexEmbedding.BITS, IndexEmbedding.GEOMETRY)), c);
    }

    @Test
    void inkGridLevelsAreParsedAndNeedTheGeometryEmbedding() {
        ExperimentConfig geometry = ExperimentConfig.empty().with("embedding", "geometry").with("grid", "1x1x4,2x2x2");
        assertEquals(Optional.of(List.of(new GridLevel(1, 1, 4), new GridLevel(2, 2, 2))), InkPredictionConfig.from(geometry).grid());
        assertEquals(Optional.empty(), InkPredictionConfig.from(ExperimentConfig.empty()).grid());
        ExperimentConfigException bits = assertThrows(ExperimentConfigException.class,
                () -> InkPredictionConfig.from(ExperimentConfig.empty().with("grid", "2,4,8")));
        assertTrue(bits.getMessage().contains("'grid' must be empty unless embedding is geometry"), bits.getMessage());
        ExperimentConfigException bad = assertThrows(ExperimentConfigException.class, () -> InkPredictionConfig.from(geometry.with("grid", "1x2")));
        assertTrue(bad.getMessage().startsWith("--set grid=1x2: 'grid' must be grid levels"), bad.getMessage());
    }

    @Test
    void finetuneEvaluatesEverySixteenthOfItsStepsUnlessToldAndTakesItsLearningRateFromTheEmbedding() {
        FinetuneConfig defaults = FinetuneConfig.from(ExperimentConfig.empty());
        assertEquals(new FinetuneConfig(400, 400, 48, 64, 3, 256, 25, IndexEmbedding.BITS), defaults);
        assertEquals(2e-3, defaults.lr());
        assertEquals(50, FinetuneConfig.from(ExperimentConfig.empty().with("steps", "800")).evalEvery());
        assertEquals(10, FinetuneConfig.from(new ExperimentConfig("f.yaml", Map.of("steps", 800, "evalEvery", 10))).evalEvery());
        assertEquals(TrainingDefaults.LR, FinetuneConfig.from(ExperimentConfig.empty().with("embedding", "geometry")).lr());
    }

    @Test
    void theOtherDefaultsAreTheOldMains() {
        assertEquals(new InkPredictionConfig(64, 64, 32, 1500, IndexEmbedding.BITS, Optional.empty()), InkPredictionConfig.from(ExperimentConfig.empty()));
        assertEquals(new LetterReadingConfig(200, 1024), LetterReadingConfig.from(ExperimentConfig.empty()));
        assertEquals(new FusionConfig(TrainingDefaults.STEPS), FusionConfig.from(ExperimentConfig.empty()));
    }
}
