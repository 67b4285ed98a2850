package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;

/**
 * {@code run --hold-out box:…}, {@code random:F} and {@code planes:K} (with the region as {@code --center/--size}) on a 24×24×8
 * linear ramp, and bad patterns and regions refused with exit code 3.
 */
class HoldOutPatternCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    /** v = x + 2y + 3z: linear, so interpolation across a box reproduces it exactly. */
    private Path ramp() {
        byte[] v = new byte[24 * 24 * 8];
        for (int z = 0; z < 8; z++) for (int y = 0; y < 24; y++) for (int x = 0; x < 24; x++) v[(z * 24 + y) * 24 + x] = (byte) (x + 2 * y + 3 * z);
        Path scan = dir.resolve("ramp.tif");
        Formats.byName("tiff").orElseThrow().createWriter().write(scan,
                Volumes.wrap(v, new long[] {24, 24, 8}, ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(4)).build()));
        return scan;
    }

    @Test
    void aHeldOutBoxIsScoredAgainstLinesAcrossItAndBindsTheRunDirectory() throws Exception {
        Path scan = ramp();
        Path out = dir.resolve("box");
        CliTest.Result r = CliTest.run("run", scan.toString(), "--out", out.toString(), "--crop", "24", "--steps", "20", "--hold-out", "box:8,8,2,16,16,6", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode stages = JSON.readTree(r.out()).get("stages");
        JsonNode ingest = stages.get("ingest");
        assertEquals("box:8,8,2,16,16,6", ingest.get("holdOut").asText());
        assertEquals(26, ingest.get("validationVoxels").asLong()); // a tenth of 8×8×4 = 256, rounded
        assertEquals(230, ingest.get("heldOutVoxels").asLong());
        assertEquals(0, ingest.get("heldOutSlices").size());
        JsonNode eval = stages.get("evaluate");
        assertEquals("box:8,8,2,16,16,6", eval.get("holdOut").asText());
        assertEquals(230, eval.get("heldOutVoxels").asLong());
        assertEquals("linear across x, y, z", eval.get("baseline").asText());
        assertEquals("AUNN", eval.get("scores").get(0).get("method").asText());
        assertEquals("linear across x, y, z", eval.get("scores").get(1).get("method").asText());
        assertEquals(0.0, eval.get("scores").get(1).get("maeLevels").asDouble(), "a linear ramp is reproduced exactly across the box");
        assertTrue(eval.get("scores").get(0).get("maeLevels").asDouble() > 0);
        try (Corpus c = Corpus.open(out.resolve("corpus"))) { // the roles as mask writes them: train/render on the corpus see the box
            assertEquals(230, c.count(Role.HELD_OUT));
            assertEquals(26, c.count(Role.VALIDATION));
        }
        String html = Files.readString(out.resolve("report").resolve("report.html"));
        assertTrue(html.contains("Held-out voxels (box:8,8,2,16,16,6): AUNN against linear across x, y, z"), html);
        assertTrue(r.err().contains("| linear across x, y, z  |"), r.err());
        // the same command continues; another pattern on the same directory is refused, naming the option
        assertEquals(0, CliTest.run("run", scan.toString(), "--out", out.toString(), "--crop", "24", "--steps", "20", "--hold-out", "box:8,8,2,16,16,6").exit());
        CliTest.Result other = CliTest.run("run", scan.toString(), "--out", out.toString(), "--crop", "24", "--steps", "20", "--hold-out", "random:0.5");
        assertEquals(ScrollworkCli.EXIT_FAILURE, other.exit());
        assertTrue(other.err().contains("field 'holdOut' (--hold-out)"), other.err());
        CliTest.Result planes = CliTest.run("run", scan.toString(), "--out", out.toString(), "--crop", "24", "--steps", "20");
        assertEquals(ScrollworkCli.EXIT_FAILURE, planes.exit());
        assertTrue(planes.err().contains("(--hold-out)"), planes.err());
    }

    @Test
    void randomVoxelsHoldOutTheFractionAgainstNormalizedConvolution() throws Exception {
        CliTest.Result r = CliTest.run("run", ramp().toString(), "--out", dir.resolve("random").toString(), "--crop", "24", "--steps", "10",
                "--hold-out", "random:0.5", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode stages = JSON.readTree(r.out()).get("stages");
        assertEquals(230, stages.get("ingest").get("validationVoxels").asLong()); // half of 4608 is 2304, a tenth of them 230
        assertEquals(2074, stages.get("ingest").get("heldOutVoxels").asLong());
        assertEquals("normalized convolution", stages.get("evaluate").get("scores").get(1).get("method").asText());
        assertTrue(stages.get("evaluate").get("scores").get(1).get("psnrDb").asDouble() > 20, stages.get("evaluate").toString());
    }

    @Test
    void badPatternsExitWithCode3NamingTheOption() {
        Path scan = ramp();
        for (String bad : new String[] {"box:5,5", "random:1.5", "box:0,0,0,30,8,4"}) {
            CliTest.Result r = CliTest.run("run", scan.toString(), "--out", dir.resolve("bad").toString(), "--crop", "24", "--steps", "5", "--hold-out", bad);
            assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit(), bad + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("--hold-out"), r.err());
            assertTrue(!Files.exists(dir.resolve("bad").resolve("corpus")), "nothing ingested for " + bad);
        }
    }

    @Test
    void everyThirdSliceKnownInACentredBoxIsInterpolatedExactlyAcrossTheGaps() throws Exception {
        CliTest.Result r = CliTest.run("run", ramp().toString(), "--out", dir.resolve("planes3").toString(), "--center", "12,12,4", "--size", "24,24,8",
                "--steps", "10", "--hold-out", "planes:3", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode stages = JSON.readTree(r.out()).get("stages");
        JsonNode ingest = stages.get("ingest");
        assertEquals("[0,0,0]", ingest.get("regionOrigin").toString()); // 12 - 24/2, 4 - 8/2
        assertEquals("[24,24,8]", ingest.get("regionSize").toString());
        assertEquals("planes:3", ingest.get("holdOut").asText());
        assertEquals("[1,2,4,5]", ingest.get("heldOutSlices").toString()); // known 0, 3, 6; slice 7 lies past 6 and is trained
        assertEquals("[]", ingest.get("validationSlices").toString()); // only the fourth gap validates
        JsonNode scores = stages.get("evaluate").get("scores");
        assertEquals("trilinear", scores.get(1).get("method").asText());
        // a linear ramp is exact across a gap of two slices, up to the rounding of the weights 1/3 and 2/3 (over 300 dB)
        assertTrue(scores.get(1).get("psnrDb").asDouble() > 200, scores.toString());
        assertEquals(4L * 24 * 24, stages.get("evaluate").get("heldOutVoxels").asLong());
        assertTrue(r.err().contains("Held-out test slices [1,2,4,5] of the region along z"), r.err());
    }

    @Test
    void badSpacingsAndCentresExitWithCode3NamingTheOption() {
        Path scan = ramp();
        String[][] cases = {
            {"--hold-out", "planes:1"}, {"--hold-out", "planes:2.5"},
            {"--hold-out", "planes:8"}, // 8 slices: planes:8 needs 9
            {"--center", "12,12,4"}, {"--size", "8,8,4"}, {"--center", "12,12,4", "--size", "8,8,4", "--box", "0,0,0,8,8,4"},
            {"--center", "12,12,1", "--size", "8,8,4"}, // z from -1
            {"--center", "12,12", "--size", "8,8,4"},
        };
        String[] named = {"--hold-out planes:1", "--hold-out planes:2.5", "--hold-out planes:8", "--center", "--size", "--box and --center",
                "--center 12,12,1 --size 8,8,4: box 8,8,-1,16,16,3 leaves", "--center"};
        for (int i = 0; i < cases.length; i++) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", scan.toString(), "--out", dir.resolve("bad").toString(), "--steps", "5"));
            args.addAll(java.util.List.of(cases[i]));
            CliTest.Result r = CliTest.run(args.toArray(String[]::new));
            String what = String.join(" ", cases[i]);
            assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit(), what + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("scrollwork: " + named[i]), what + ": " + r.err());
            assertTrue(!Files.exists(dir.resolve("bad").resolve("corpus")), "nothing ingested for " + what);
        }
    }
}
