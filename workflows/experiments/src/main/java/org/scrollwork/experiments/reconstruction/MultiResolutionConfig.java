package org.scrollwork.experiments.reconstruction;

import java.util.List;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;

/**
 * Settings of {@link MultiResolutionExperiment} ({@code experiments/multires-octant.yaml}): training steps per run,
 * the corpus layouts and index embeddings compared (one run per pair), and the batch size.
 */
public record MultiResolutionConfig(int steps, List<Layout> layouts, int batch, List<IndexEmbedding> embeddings) {

    /** How the 8 µm scan goes into the corpus next to the 4 µm scan. */
    public enum Layout {
        /** The 8 µm scan as its own record, as it is. */
        NATIVE,
        /** The 8 µm scan repeated 2×2×2 onto the 4 µm grid, aligned with the 4 µm record. */
        COREGISTERED
    }

    public MultiResolutionConfig {
        InvalidSetting.atLeast("steps", steps, 1);
        layouts = List.copyOf(InvalidSetting.nonEmpty("layouts", layouts));
        InvalidSetting.atLeast("batch", batch, 1);
        embeddings = List.copyOf(InvalidSetting.nonEmpty("embeddings", embeddings));
    }

    public static MultiResolutionConfig from(ExperimentConfig c) {
        return c.validated(() -> new MultiResolutionConfig(
                c.intValue("steps", 120),
                c.enumList("layouts", Layout.class, List.of(Layout.NATIVE, Layout.COREGISTERED)),
                c.intValue("batch", 512),
                c.enumList("embeddings", IndexEmbedding.class, List.of(IndexEmbedding.BITS))));
    }
}
