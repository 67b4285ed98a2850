package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;
import picocli.CommandLine;

public class CliTest {
    @TempDir Path dir;

    /** A command's exit code and captured output. */
    public record Result(int exit, String out, String err) {}

    /** Runs the command line in-process, capturing its output (other test packages use it too). */
    public static Result run(String... args) {
        CommandLine cl = ScrollworkCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private Path sampleTiff() {
        short[] voxels = new short[6 * 5 * 4];
        for (int i = 0; i < voxels.length; i++) voxels[i] = (short) (i * 37);
        ScanMetadata m = ScanMetadata.builder(DataType.UINT16).voxelSizeUm(VoxelSize.isotropic(3.24)).beamEnergyKeV(70.0).scanId("20231201141544").build();
        Path p = dir.resolve("scan.tif");
        Formats.byName("tiff").orElseThrow().createWriter().write(p, Volumes.wrap(voxels, new long[] {6, 5, 4}, m));
        return p;
    }

    @Test
    void infoPrintsShapeTypeVoxelSizeAndEnergyAsJson() throws IOException {
        Result r = run("info", sampleTiff().toString());
        assertEquals(0, r.exit, r.err);
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertEquals("tiff", j.get("format").asText());
        assertEquals(List.of(6, 5, 4), List.of(j.get("shape").get(0).asInt(), j.get("shape").get(1).asInt(), j.get("shape").get(2).asInt()));
        assertEquals("uint16", j.get("dtype").asText());
        assertEquals(3.24, j.get("voxelSizeUm").get(2).asDouble(), 1e-9);
        assertEquals(70.0, j.get("energyKeV").asDouble());
        assertEquals(1, j.get("levels").asInt());
    }

    @Test
    void convertKeepsVoxelsAndMetadataAcrossFormats() throws IOException {
        Path tif = sampleTiff();
        Path zarr = dir.resolve("scan.ome.zarr");
        Result r = run("convert", tif.toString(), zarr.toString(), "--compression", "zstd");
        assertEquals(0, r.exit, r.err);
        // what it wrote: path, shape, dtype, 6 * 5 * 4 voxels of 2 bytes, and the store's size on disk
        long onDisk;
        try (java.util.stream.Stream<Path> files = Files.walk(zarr)) {
            onDisk = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        assertTrue(r.out.contains("wrote " + zarr + " (ome-zarr, 1 level): 6×5×4 uint16, 240 bytes of voxels, " + onDisk + " bytes on disk"), r.out);
        Volume<?> a = Formats.read(tif, 0);
        Volume<?> b = Formats.read(zarr, 0);
        assertEquals("ome-zarr", Formats.detect(zarr).name());
        assertEquals(0.0, Volumes.maxAbsDifference(a.image(), b.image()));
        assertEquals(a.meta().voxelSizeUm(), b.meta().voxelSizeUm());
        assertEquals(a.meta().beamEnergyKeV(), b.meta().beamEnergyKeV());
        assertEquals(a.meta().scanId(), b.meta().scanId());
        Path slices = dir.resolve("slices");
        assertEquals(0, run("convert", zarr.toString(), slices.toString(), "--format", "tiff-slices").exit);
        assertEquals(0.0, Volumes.maxAbsDifference(a.image(), Formats.read(slices, 0).image()));
    }

    @Test
    void convertBuildsAPyramidWithDoubledVoxelSizes() {
        Path zarr = dir.resolve("pyr.ome.zarr");
        Result r = run("convert", sampleTiff().toString(), zarr.toString(), "--pyramid", "3");
        assertEquals(0, r.exit, r.err);
        assertEquals(3, Formats.info(zarr).levels().size());
        Volume<?> l2 = Formats.read(zarr, 2);
        assertEquals(2, l2.shape()[0]); // ceil(6 / 4)
        assertEquals(3.24 * 4, l2.meta().voxelSizeUm().orElseThrow().xUm(), 1e-9);
        // level 1 voxel (0,0,0) is the mean of the 2x2x2 block of the input: values (i * 37) at i = x + 6y + 30z
        double mean = (0 + 37 + 6 * 37 + 7 * 37 + 30 * 37 + 31 * 37 + 36 * 37 + 37 * 37) / 8.0;
        assertEquals(Math.floor(mean + 0.5), Volumes.get(Formats.read(zarr, 1).image(), 0, 0, 0));
    }

    @Test
    void badInputEndsInOneLineNamingTheFileAndExitCodeThree() throws IOException {
        Path bad = dir.resolve("broken.tif");
        byte[] good = Files.readAllBytes(sampleTiff());
        Files.write(bad, java.util.Arrays.copyOf(good, 20));
        Result r = run("info", bad.toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit);
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertTrue(r.err.contains("broken.tif"), r.err);
        Result missing = run("convert", dir.resolve("nope.zarr").toString(), dir.resolve("x.tif").toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, missing.exit);
        assertTrue(missing.err.contains("nope.zarr"), missing.err);
        Result unknownExt = run("convert", sampleTiff().toString(), dir.resolve("x.unknown").toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, unknownExt.exit);
        assertTrue(unknownExt.err.contains("x.unknown"), unknownExt.err);
    }

    @Test
    void phantomWritesScansLabelsAndGroundTruth() throws IOException {
        Path out = dir.resolve("ph");
        Result r = run("phantom", "--out", out.toString(), "--seed", "3", "--format", "tiff");
        assertEquals(0, r.exit, r.err);
        Volume<?> scan = Formats.read(out.resolve("scan-4um-54keV.tif"), 0);
        assertEquals(4.0, scan.meta().voxelSizeUm().orElseThrow().xUm(), 1e-9);
        assertEquals(54.0, scan.meta().beamEnergyKeV().orElseThrow());
        assertTrue(Files.exists(out.resolve("inklabels-8um.tif")));
        JsonNode truth = new ObjectMapper().readTree(out.resolve("groundtruth.json").toFile());
        assertTrue(truth.get("text").asText().length() > 50);
    }

    @Test
    void demoWritesEveryFormatAndReadsItBackExactly() {
        Path run = dir.resolve("run");
        Result r = run("demo", "--run", run.toString(), "--size", "48,48,16", "--steps", "40", "--no-fetch"); // no download in the unit tests
        assertEquals(0, r.exit, r.err);
        assertTrue(Files.exists(run.resolve("report").resolve("report.html")), r.out);
        assertTrue(r.out.contains("| tricubic        |"), r.out);
        assertTrue(r.out.contains("| NLM + trilinear |") && r.out.contains("h = "), r.out);
        for (String f : Formats.all().stream().filter(f -> !f.singleImage()).map(org.scrollwork.io.Format::name).toList()) {
            String row = r.out.lines().filter(l -> l.startsWith("| " + f + " ")).findFirst().orElseThrow(() -> new AssertionError("no row for " + f + ":\n" + r.out));
            assertTrue(row.contains(" 0.00 "), "exact round trip for " + f + ": " + row);
        }
    }
}
