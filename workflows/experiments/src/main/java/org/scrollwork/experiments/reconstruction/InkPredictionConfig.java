package org.scrollwork.experiments.reconstruction;

import java.util.List;
import java.util.Optional;
import org.scrollwork.aunn.model.GeometrySpec;
import org.scrollwork.aunn.model.GeometrySpec.GridLevel;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;

/**
 * Settings of {@link InkPredictionExperiment} ({@code experiments/ink-half.yaml}): the crop of the 4 µm scan (x, y, z,
 * centred), training steps, the index embedding, and other grid levels for the geometry embedding (empty: its defaults).
 */
public record InkPredictionConfig(int cropX, int cropY, int cropZ, int steps, IndexEmbedding embedding, Optional<List<GridLevel>> grid) {

    public InkPredictionConfig {
        InvalidSetting.atLeast("crop", cropX, 2);
        InvalidSetting.atLeast("crop", cropY, 1);
        InvalidSetting.atLeast("crop", cropZ, 1);
        InvalidSetting.atLeast("steps", steps, 1);
        grid = grid.map(List::copyOf);
        if (grid.isPresent() && embedding != IndexEmbedding.GEOMETRY) throw new InvalidSetting("grid", "empty unless embedding is geometry", grid.get());
    }

    public static InkPredictionConfig from(ExperimentConfig c) {
        return c.validated(() -> {
            List<Integer> crop = c.intList("crop", List.of(64, 64, 32));
            if (crop.size() != 3) throw new InvalidSetting("crop", "three sizes x, y, z", crop);
            return new InkPredictionConfig(crop.get(0), crop.get(1), crop.get(2), c.intValue("steps", 1500),
                    c.enumValue("embedding", IndexEmbedding.class, IndexEmbedding.BITS), levels(c.stringValue("grid", "")));
        });
    }

    /** Grid levels as {@code run --grid} takes them; blank: none given (the embedding's defaults). */
    static Optional<List<GridLevel>> levels(String text) {
        if (text.isBlank()) return Optional.empty();
        try {
            return Optional.of(GeometrySpec.parseLevels(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting("grid", "grid levels as run --grid takes them (" + e.getMessage() + ")", text);
        }
    }
}
