package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;

/** ingest → mask → train → eval → render through the command line, on a 24×24×12 volume. */
class ReconstructCliTest {
    @TempDir Path dir;

    @Test
    void evalWritesTheReportAndRenderWritesACalibratedVolume() throws Exception {
        byte[] v = new byte[24 * 24 * 12];
        for (int z = 0; z < 12; z++) for (int y = 0; y < 24; y++) for (int x = 0; x < 24; x++) v[(z * 24 + y) * 24 + x] = (byte) (x + y + z * z);
        Path scan = dir.resolve("scan.tif");
        Formats.byName("tiff").orElseThrow().createWriter().write(scan,
                Volumes.wrap(v, new long[] {24, 24, 12}, ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(7.91)).build()));
        String corpus = dir.resolve("corpus").toString(), run = dir.resolve("run").toString();
        assertEquals(0, CliTest.run("ingest", "--corpus", corpus, scan.toString()).exit());
        int id = -1;
        for (JsonNode rec : new ObjectMapper().readTree(CliTest.run("corpus", corpus).out()).get("records")) {
            if (rec.get("kind").asText().equals("VOLUME")) id = rec.get("id").asInt();
        }
        String rid = Integer.toString(id);
        CliTest.Result noHeld = CliTest.run("eval", "--corpus", corpus, "--run", run, "--record", rid);
        assertEquals(ScrollworkCli.EXIT_FAILURE, noHeld.exit(), "no snapshot yet: " + noHeld.err());
        assertTrue(noHeld.err().contains("no trained model in"), noHeld.err());
        for (int z : new int[] {3, 7}) {
            assertEquals(0, CliTest.run("mask", corpus, "--record", rid, "--box", "0,0," + z + ",24,24," + (z + 1), "--heldout").exit());
        }
        CliTest.Result t = CliTest.run("train", "--corpus", corpus, "--run", run, "--steps", "40", "--width", "32", "--depth", "2",
                "--batch", "256", "--eval-every", "20");
        assertEquals(0, t.exit(), t.err());

        CliTest.Result e = CliTest.run("eval", "--corpus", corpus, "--run", run, "--record", rid, "--json");
        assertEquals(0, e.exit(), e.err());
        JsonNode j = new ObjectMapper().readTree(e.out());
        // v = x + y + z²: linear interpolation over a gap of two slices is off by exactly 1 -> PSNR = 20 log10(255)
        assertEquals("trilinear", j.get("scores").get(1).get("method").asText());
        assertEquals(20 * Math.log10(255), j.get("scores").get(1).get("psnrDb").asDouble(), 1e-9);
        // no noise to the estimate (σ = 0): non-local means + trilinear is trilinear; no validation slices, so the default h
        assertEquals("NLM + trilinear", j.get("scores").get(3).get("method").asText());
        assertEquals(20 * Math.log10(255), j.get("scores").get(3).get("psnrDb").asDouble(), 1e-9);
        assertEquals(0.0, j.get("nlm").get("sigma").asDouble(), 0);
        assertEquals(0.8, j.get("nlm").get("hOverSigma").asDouble(), 0);
        assertTrue(Files.exists(Path.of(run, "report", "report.html")));
        assertTrue(Files.exists(Path.of(run, "report", "plots", "slice-z7.png")));

        Path out = dir.resolve("render.ome.zarr");
        CliTest.Result r = CliTest.run("render", "--corpus", corpus, "--model", run, "--record", rid, "--box", "4,4,2,20,20,10",
                "--stride", "2", out.toString());
        assertEquals(0, r.exit(), r.err());
        Volume<?> back = Formats.read(out, 0);
        assertEquals(16, back.shape()[0]);
        assertEquals(8, back.shape()[2]);
        assertEquals(7.91, back.meta().voxelSizeUm().orElseThrow().xUm(), 1e-9);
        assertTrue(Files.isDirectory(dir.resolve("render-preview.ome.zarr")));

        Path bad = dir.resolve("bad.aunn");
        Files.write(bad, new byte[] {'A', 'U', 'N', 'N', 1, 2, 3});
        CliTest.Result corrupt = CliTest.run("render", "--corpus", corpus, "--model", bad.toString(), "--record", rid, dir.resolve("x.tif").toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, corrupt.exit());
        assertTrue(corrupt.err().contains("bad.aunn"), corrupt.err());
    }

    @Test
    void runGoesFromAScanFileToAReportAndContinuesOnlyTheSameRun() {
        byte[] v = new byte[24 * 24 * 8];
        for (int i = 0; i < v.length; i++) v[i] = (byte) (i % 24 * 5 + i / 576 * 9);
        Path scan = dir.resolve("mine.tif");
        Formats.byName("tiff").orElseThrow().createWriter().write(scan,
                Volumes.wrap(v, new long[] {24, 24, 8}, ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(4)).build()));
        Path out = dir.resolve("myrun");
        CliTest.Result r = CliTest.run("run", scan.toString(), "--out", out.toString(), "--steps", "20", "--crop", "24");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("| tricubic        |"), r.out());
        assertTrue(Files.exists(out.resolve("report").resolve("report.html")));
        // v is linear in z: trilinear interpolation of the held-out slices is exact
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("| trilinear       |") && l.contains("Infinity")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("| NLM + trilinear |") && l.contains("Infinity")), "no noise: NLM leaves the slices, " + r.out());
        assertTrue(r.out().contains("NLM + trilinear: non-local means of the known slices"), r.out());
        // a rerun of the same command finds every stage finished; another config is refused, naming the field
        CliTest.Result again = CliTest.run("run", scan.toString(), "--out", out.toString(), "--steps", "20", "--crop", "24");
        assertEquals(0, again.exit(), again.err());
        assertEquals(6, again.out().lines().filter(l -> l.contains(": finished earlier, skipped")).count(), again.out());
        CliTest.Result other = CliTest.run("run", scan.toString(), "--out", out.toString(), "--steps", "30", "--crop", "24");
        assertEquals(ScrollworkCli.EXIT_FAILURE, other.exit());
        assertTrue(other.err().contains("field 'steps'"), other.err());
    }
}
