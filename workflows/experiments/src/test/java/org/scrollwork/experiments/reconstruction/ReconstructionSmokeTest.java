package org.scrollwork.experiments.reconstruction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.ExperimentOutput;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.Experiments;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.pipeline.Progress;

/** The multi-resolution and ink experiments end to end on a tiny budget: their tables' rows and columns, written as the command line writes them. */
@Tag("slow")
class ReconstructionSmokeTest {
    @TempDir Path dir;

    private ExperimentResult run(String name, Map<String, Object> settings) throws IOException {
        Experiment e = Experiments.named(name);
        ExperimentConfig config = new ExperimentConfig("tiny", settings);
        ExperimentResult r = e.run(config, dir.resolve("work"), Progress.silent());
        assertEquals(java.util.Set.of(), config.unused());
        assertFalse(r.headline().isBlank());
        ExperimentOutput.write(e, config, r, 1.0, dir.resolve("out"));
        assertTrue(Files.isRegularFile(dir.resolve("out/table-1.csv")));
        return r;
    }

    /** One row per prefix, in order, each row's first cell starting with it; every number finite. */
    private static void assertRows(ResultTable t, List<String> prefixes) {
        assertEquals(prefixes.size(), t.rows().size(), t.toMarkdown());
        for (int i = 0; i < prefixes.size(); i++) {
            List<Object> row = t.rows().get(i);
            assertEquals(t.columns().size(), row.size());
            assertTrue(((String) row.get(0)).startsWith(prefixes.get(i)), t.toMarkdown());
            for (Object cell : row) if (cell instanceof Double d) assertTrue(Double.isFinite(d), t.toMarkdown());
        }
    }

    @Test
    void multiResolutionScoresEachRunAndEachUpsamplingOfTheOctant() throws IOException {
        ExperimentResult r = run("multires-octant", Map.of("steps", 2, "layouts", "native", "batch", 64, "embeddings", "bits"));
        assertRows(r.tables().get(0), List.of("AUNN bits, native layout", "tricubic upsampling of 8 µm", "trilinear upsampling of 8 µm", "nearest"));
        assertEquals(List.of("4 µm voxels of the held-out octant", "PSNR dB", "SSIM", "training"), r.tables().get(0).columns());
        assertTrue(r.plots().containsKey("multires-slice"));
        assertTrue(Files.isRegularFile(dir.resolve("out/multires-slice.png")));
    }

    @Test
    void inkPredictionScoresTheHeldOutHalfAgainstAGreyThreshold() throws IOException {
        ExperimentResult r = run("ink-half", Map.of("crop", List.of(16, 16, 8), "steps", 3, "embedding", "bits", "grid", ""));
        assertRows(r.tables().get(0), List.of("AUNN (scan + other half of labels)", "AUNN, P(ink) >", "grey threshold ≥", "no ink anywhere"));
        assertEquals(List.of("ink labels of the held-out half", "precision", "recall", "F0.5", "Dice"), r.tables().get(0).columns());
    }
}
