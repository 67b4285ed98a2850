package org.scrollwork.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.workflows.CliTest;
import org.scrollwork.workflows.ScrollworkCli;

/** {@code scrollwork experiment}: configs (bundled, file, --set), outputs and errors, on a test-only experiment. */
class ExperimentCliTest {
    @TempDir Path dir;

    @Test
    void runsWithTheBundledConfigAndWritesTablesPlotAndResolvedConfig() throws IOException {
        Path out = dir.resolve("sq");
        CliTest.Result r = CliTest.run("experiment", "test-squares", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("sum of squares 14"), r.out()); // bundled config: n = 3 → 1 + 4 + 9
        assertEquals("i,i²\r\n1,1.0\r\n2,4.0\r\n3,9.0\r\n", Files.readString(out.resolve("table-1.csv")));
        assertTrue(Files.readString(out.resolve("results.md")).contains("| 3 | 9.000 |"));
        assertNotNull(ImageIO.read(out.resolve("squares.png").toFile()));
        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertEquals(3, config.get("n").asInt());
        assertEquals(1.0, config.get("scale").asDouble()); // defaults are recorded too
    }

    @Test
    void configFileAndOverridesAndJsonOutput() throws IOException {
        Path cfg = dir.resolve("mine.yaml");
        Files.writeString(cfg, "n: 2\nscale: 0.5\nsacle: 3\n");
        CliTest.Result r = CliTest.run("experiment", "test-squares", "--config", cfg.toString(), "--set", "n=4", "--out", dir.resolve("o").toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("sum of squares 30", j.get("headline").asText());
        assertEquals(8.0, j.get("tables").get(0).get("rows").get(3).get(1).asDouble()); // 0.5 · 4²
        assertTrue(r.err().contains("sacle"), r.err()); // the misspelt key is reported
    }

    @Test
    void badConfigValuesAndUnknownNamesExitThreeWithAClearMessage() throws IOException {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "n: lots\n");
        CliTest.Result r = CliTest.run("experiment", "test-squares", "--config", cfg.toString(), "--out", dir.resolve("b").toString());
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("bad.yaml") && r.err().contains("'n'"), r.err());
        Files.writeString(cfg, "n: [1, 2\n");
        assertEquals(3, CliTest.run("experiment", "test-squares", "--config", cfg.toString(), "--out", dir.resolve("b").toString()).exit());
        CliTest.Result unknown = CliTest.run("experiment", "no-such-thing");
        assertEquals(3, unknown.exit());
        assertTrue(unknown.err().contains("test-squares"), unknown.err()); // lists the known ones
        assertTrue(CliTest.run("experiment", "--list").out().contains("test-squares"));
    }

    @Test
    void experimentSetCanGiveAListAndItsErrorsBlameTheOption() {
        CliTest.Result r = CliTest.run("experiment", "decoding", "--set", "ranges=[1,x]", "--out", dir.resolve("e").toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains("--set ranges=[1,x]: 'ranges' must be a list of numbers"), r.err());
        assertFalse(r.err().contains("decoding.yaml"), r.err());
    }
}
