package org.scrollwork.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.model.EncodingSpec;
import org.scrollwork.aunn.model.GeometrySpec;
import org.scrollwork.pipeline.TrainingDefaults;

/**
 * A run directory begun by a version before the grid basis existed (its {@code run-config.json} has no {@code basis},
 * which reads as linear) continues when the command asks for linear reads, and is refused, naming the option, when it
 * asks for the B-spline default.
 */
class RunDirectoryConfigTest {
    @TempDir Path dir;

    @Test
    void aRunBegunBeforeTheBasisExistedContinuesWithLinearReadsOnly() throws IOException {
        RunConfig bspline = RunConfig.of(dir.resolve("scan.tif"), 0, 32, 10, 1);
        assertEquals(GeometrySpec.Basis.BSPLINE, bspline.encoding().geometry().basis(), "the default");
        RunConfig linear = bspline.withEncoding(EncodingSpec.geometry(GeometrySpec.defaults().withBasis(GeometrySpec.Basis.LINEAR)), TrainingDefaults.PATIENCE);
        RunDirectory d = new RunDirectory(dir.resolve("run"));
        d.bindConfig(linear);
        // what an earlier version wrote: the same settings without the field
        Path f = dir.resolve("run").resolve("run-config.json");
        ObjectNode old = (ObjectNode) RunDirectory.JSON.readTree(f.toFile());
        ((ObjectNode) old.get("encoding").get("geometry")).remove("basis");
        Files.write(f, RunDirectory.JSON.writeValueAsBytes(old));
        assertTrue(!Files.readString(f).contains("basis"));

        d.bindConfig(linear); // continues
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.bindConfig(bspline));
        assertTrue(e.getMessage().contains("field 'encoding'") && e.getMessage().contains("--grid-basis"), e.getMessage());
        assertTrue(!Files.readString(f).contains("basis"), "a refused command leaves the stored config as it was");
    }
}
