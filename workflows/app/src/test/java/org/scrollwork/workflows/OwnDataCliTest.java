package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.pipeline.eval.RecordVoxels;
import org.scrollwork.testing.PythonReference;

/**
 * A researcher's own data as Vesuvius ships it, written by tifffile and PIL (Debian python3-tifffile, python3-pil): a
 * Volume Cartographer package (big-endian 16-bit ImageJ slices, meta.json) with a segment (layers/, ink labels, mask),
 * through {@code info}, {@code ingest} and {@code run --box}; and the input errors around them (exit code 3).
 */
@Tag("python")
class OwnDataCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String VOLUME = "20230205180739";
    static final String SEGMENT = "20230503225234";

    @TempDir Path dir;

    /**
     * Writes {@code scroll.volpkg} (one 24×20×8 volume at 7.91 µm, one segment of 20×16×6 layers with ink labels where
     * (x + y) % 5 == 0 and a mask) and {@code two.volpkg} (volumes a and b), and a single 16-bit PNG slice.
     */
    private void writeFixtures() throws Exception {
        PythonReference.assumeAvailable("numpy", "tifffile", "PIL");
        String script = String.join("\n",
                "import json, os, numpy as np, tifffile",
                "from PIL import Image",
                "def volume(d, shape, voxelsize):",
                "    os.makedirs(d)",
                "    z, y, x = np.mgrid[0:shape[0], 0:shape[1], 0:shape[2]]",
                "    a = (20000 + 700 * z + 90 * x + 40 * y + 9000 * ((x // 4 + y // 5) % 2)).astype(np.uint16)",
                "    for k in range(shape[0]):",
                "        tifffile.imwrite(d + '/%03d.tif' % k, a[k], byteorder='>', imagej=True)",
                "    json.dump({'uuid': os.path.basename(d), 'name': os.path.basename(d), 'width': shape[2], 'height': shape[1],",
                "               'slices': shape[0], 'voxelsize': voxelsize, 'min': 0.0, 'max': 65535.0, 'type': 'vol'}, open(d + '/meta.json', 'w'))",
                "volume('scroll.volpkg/volumes/" + VOLUME + "', (8, 20, 24), 7.91)",
                "seg = 'scroll.volpkg/paths/" + SEGMENT + "'",
                "os.makedirs(seg + '/layers')",
                "z, y, x = np.mgrid[0:6, 0:16, 0:20]",
                "layers = (15000 + 1000 * z + 200 * x + 7 * y).astype(np.uint16)",
                "for k in range(6):",
                "    tifffile.imwrite(seg + '/layers/%02d.tif' % k, layers[k])",
                "y, x = np.mgrid[0:16, 0:20]",
                "Image.fromarray(np.where((x + y) % 5 == 0, 255, 0).astype(np.uint8), 'L').save(seg + '/" + SEGMENT + "_inklabels.png')",
                "Image.fromarray(x < 15).convert('1').save(seg + '/" + SEGMENT + "_mask.png')",
                "json.dump({'name': 'scroll', 'version': 6}, open('scroll.volpkg/config.json', 'w'))",
                "volume('two.volpkg/volumes/a', (3, 4, 4), 3.24)",
                "volume('two.volpkg/volumes/b', (3, 4, 4), 3.24)",
                "Image.fromarray((np.arange(12 * 10).reshape(10, 12) * 500).astype(np.uint16)).save('slice.png')",
                "");
        PythonReference.run(dir, script);
    }

    private static JsonNode json(CliTest.Result r) throws Exception {
        assertEquals(0, r.exit(), r.err());
        return JSON.readTree(r.out());
    }

    private static List<Long> longs(JsonNode a) {
        List<Long> l = new java.util.ArrayList<>();
        a.forEach(n -> l.add(n.asLong()));
        return l;
    }

    @Test
    void infoListsAPackagesVolumesAndSegmentsAndASegmentsParts() throws Exception {
        writeFixtures();
        Path pkg = dir.resolve("scroll.volpkg");
        for (Path given : List.of(pkg, pkg.resolve("volumes"))) {
            JsonNode j = json(CliTest.run("info", given.toString()));
            assertEquals("volpkg", j.get("format").asText());
            assertEquals(1, j.get("volumes").size());
            JsonNode v = j.get("volumes").get(0);
            assertEquals(VOLUME, v.get("id").asText());
            assertEquals("tiff-slices", v.get("format").asText());
            assertEquals(List.of(24L, 20L, 8L), longs(v.get("shape")));
            assertEquals("uint16", v.get("dtype").asText());
            assertEquals(7.91, v.get("voxelSizeUm").get(0).asDouble(), 1e-9);
            assertEquals(SEGMENT, j.get("segments").get(0).get("id").asText());
            assertTrue(j.get("segments").get(0).get("hasLayers").asBoolean());
        }
        JsonNode seg = json(CliTest.run("info", pkg.resolve("paths").resolve(SEGMENT).toString()));
        assertEquals("segment", seg.get("format").asText());
        assertEquals(List.of(20L, 16L, 6L), longs(seg.get("surface").get("shape")));
        assertEquals(List.of(20L, 16L, 1L), longs(seg.get("inkLabels").get("shape")));
        assertEquals("png", seg.get("mask").get("format").asText());
        JsonNode one = json(CliTest.run("info", dir.resolve("two.volpkg").toString(), "--volume", "b"));
        assertEquals(List.of(4L, 4L, 3L), longs(one.get("shape")));
        JsonNode png = json(CliTest.run("info", dir.resolve("slice.png").toString()));
        assertEquals(List.of(12L, 10L, 1L), longs(png.get("shape")));
        assertEquals("uint16", png.get("dtype").asText());
    }

    @Test
    void ingestTakesThePackagesVolumeAndTheSegmentWithLabelsAlignedToItsSurface() throws Exception {
        writeFixtures();
        Path pkg = dir.resolve("scroll.volpkg");
        Path corpus = dir.resolve("corpus");
        JsonNode j = json(CliTest.run("ingest", "--corpus", corpus.toString(), "--json", pkg.toString(), pkg.resolve("paths").resolve(SEGMENT).toString()));
        JsonNode recs = j.get("records");
        assertEquals(4, recs.size(), j.toString());
        assertEquals(List.of(24L, 20L, 8L), longs(recs.get(0).get("shape")));
        assertEquals(List.of("ct", "ct", "inklabels", "mask"), List.of(recs.get(0).get("modality").asText(), recs.get(1).get("modality").asText(),
                recs.get(2).get("modality").asText(), recs.get(3).get("modality").asText()));
        int surface = recs.get(1).get("id").asInt();
        assertEquals(surface, recs.get(2).get("alignedWith").asInt());
        assertEquals(surface, recs.get(3).get("alignedWith").asInt());
        // the labels sit in the surface's padded block: their indices differ only in the block bits
        long blockMask = (1L << recs.get(1).get("blockBits").asInt()) - 1;
        assertEquals(0, recs.get(2).get("offset").asLong() & blockMask);
        try (Corpus c = Corpus.open(corpus)) {
            double[] ink = RecordVoxels.read(c, c.record(recs.get(2).get("id").asInt()));
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 20; x++) assertEquals((x + y) % 5 == 0 ? 255.0 : 0.0, ink[y * 20 + x], "ink label at " + x + "," + y);
            }
            double[] vol = RecordVoxels.read(c, c.record(recs.get(0).get("id").asInt()));
            // voxel (x=5, y=3, z=2): 20000 + 1400 + 450 + 120 + 9000 * ((1 + 0) % 2), written big-endian by tifffile
            assertEquals(30970.0, vol[2 * 24 * 20 + 3 * 24 + 5]);
        }
    }

    @Test
    void runLearnsTheChosenBoxOfAPackagesVolumeAndOfASegment() throws Exception {
        writeFixtures();
        Path pkg = dir.resolve("scroll.volpkg");
        JsonNode j = json(CliTest.run("run", pkg.toString(), "--out", dir.resolve("run").toString(), "--box", "4,2,1,20,18,6",
                "--steps", "10", "--json"));
        JsonNode ingest = j.get("stages").get("ingest");
        assertEquals(List.of(4L, 2L, 1L), longs(ingest.get("regionOrigin")));
        assertEquals(List.of(16L, 16L, 5L), longs(ingest.get("regionSize")));
        JsonNode eval = j.get("stages").get("evaluate");
        assertEquals(65535, eval.get("psnrPeak").asInt());
        // the box's data range: largest at x=19, y=17, z=5 (checker term on); smallest without the checker term, at
        // x=4, y=5, z=1 ((4 // 4 + 5 // 5) % 2 == 0; nearer corners such as x=4, y=2 have it on)
        assertEquals((20000 + 3500 + 90 * 19 + 40 * 17 + 9000) - (20000 + 700 + 90 * 4 + 40 * 5), eval.get("regionDataRange").asDouble(), 1e-9);
        assertTrue(eval.get("scores").get(0).has("psnrMaterialDb"), eval.toString());
        // the run directory is bound to its box: the same command continues, one without the box is refused
        CliTest.Result again = CliTest.run("run", pkg.toString(), "--out", dir.resolve("run").toString(), "--box", "4,2,1,20,18,6", "--steps", "10");
        assertEquals(0, again.exit(), again.err());
        CliTest.Result noBox = CliTest.run("run", pkg.toString(), "--out", dir.resolve("run").toString(), "--steps", "10");
        assertEquals(ScrollworkCli.EXIT_FAILURE, noBox.exit());
        assertTrue(noBox.err().contains("field 'box'"), noBox.err());
        JsonNode seg = json(CliTest.run("run", pkg.resolve("paths").resolve(SEGMENT).toString(), "--out", dir.resolve("segrun").toString(),
                "--task", "reconstruct", "--box", "0,0,0,16,16,6", "--steps", "10", "--json"));
        assertEquals(List.of(16L, 16L, 6L), longs(seg.get("stages").get("ingest").get("regionSize")));
    }

    @Test
    void runOnASegmentWithInkLabelsIsTheInkTask() throws Exception {
        writeFixtures();
        Path segment = dir.resolve("scroll.volpkg").resolve("paths").resolve(SEGMENT);
        JsonNode j = json(CliTest.run("run", segment.toString(), "--out", dir.resolve("ink").toString(), "--labels-held-out", "10,0,20,16",
                "--steps", "10", "--json"));
        assertEquals(SEGMENT, j.get("segment").asText());
        assertEquals(List.of(20L, 16L, 6L), longs(j.get("size")));
        assertEquals("10,0,20,16", j.get("labelBox").asText());
        long ink = 0;
        for (int y = 0; y < 16; y++) for (int x = 10; x < 15; x++) if ((x + y) % 5 == 0) ink++; // the mask keeps x < 15
        assertEquals(80, j.get("heldOutPixels").asLong());
        assertEquals(ink, j.get("heldOutInk").asLong());
        assertTrue(j.get("aunn").has("f05") && j.get("grey").has("f05"), j.toString());
        assertTrue(Files.isRegularFile(dir.resolve("ink").resolve("ink-overlay.png")));
        CliTest.Result outside = CliTest.run("run", segment.toString(), "--out", dir.resolve("ink2").toString(), "--labels-held-out", "10,0,30,16");
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, outside.exit(), outside.err());
        assertTrue(outside.err().contains("label box 10,0,30,16 leaves the 20×16 labels of segment " + SEGMENT), outside.err());
        CliTest.Result notSegment = CliTest.run("run", dir.resolve("slice.png").toString(), "--out", dir.resolve("ink3").toString(), "--task", "ink");
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, notSegment.exit(), notSegment.err());
        assertTrue(notSegment.err().contains("--task ink needs a segment folder"), notSegment.err());
    }

    @Test
    void aSingleSliceIsLearnedWithEverySecondRowHeldOut() throws Exception {
        writeFixtures();
        JsonNode j = json(CliTest.run("run", dir.resolve("slice.png").toString(), "--out", dir.resolve("rows").toString(), "--hold-out-axis", "y",
                "--steps", "10", "--json"));
        JsonNode ingest = j.get("stages").get("ingest");
        assertEquals("y", ingest.get("holdOutAxis").asText());
        assertEquals("x,z,y", ingest.get("recordAxes").asText());
        assertEquals(List.of(12L, 10L, 1L), longs(ingest.get("regionSize")));
        List<Long> rows = longs(ingest.get("heldOutSlices"));
        assertTrue(!rows.isEmpty() && rows.stream().allMatch(r -> r % 2 == 1 && r < 10), "odd rows held out: " + rows);
        JsonNode eval = j.get("stages").get("evaluate");
        assertEquals(rows.size() * 12L, eval.get("heldOutVoxels").asLong(), "a held-out row is 12 voxels");
        // the slice is 500 * (12 y + x): linear along y, so interpolating a held-out row from its neighbours is exact
        assertEquals("Infinity", eval.get("scores").get(1).get("psnrDb").asText(), eval.toString());
        // one slice deep: isotropic grids, not the default's full-resolution grids pooling along a z it does not have
        JsonNode geometry = new ObjectMapper().readTree(dir.resolve("rows").resolve("train").resolve("aunn-config.json").toFile())
                .get("encoding").get("geometry");
        assertEquals("BSPLINE", geometry.get("basis").asText(), "the default basis");
        JsonNode levels = geometry.get("levels");
        List<String> cells = new java.util.ArrayList<>();
        levels.forEach(l -> cells.add(l.get("cellX").asInt() + "x" + l.get("cellY").asInt() + "x" + l.get("cellZ").asInt()));
        assertEquals(List.of("8x8x8", "4x4x4", "2x2x2"), cells);
    }

    @Test
    void ambiguousPackagesBadBoxesAndSingleSlicesAreInputErrorsThatSayWhatToDo() throws Exception {
        writeFixtures();
        Path two = dir.resolve("two.volpkg");
        CliTest.Result amb = CliTest.run("ingest", "--corpus", dir.resolve("c").toString(), two.toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, amb.exit(), amb.err());
        assertTrue(amb.err().contains("a, b") && amb.err().contains("--volume"), amb.err());
        CliTest.Result unknown = CliTest.run("run", two.toString(), "--volume", "c", "--out", dir.resolve("r0").toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains("no volume 'c'"), unknown.err());
        Path pkg = dir.resolve("scroll.volpkg");
        CliTest.Result outside = CliTest.run("run", pkg.toString(), "--out", dir.resolve("r1").toString(), "--box", "0,0,0,30,10,8");
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, outside.exit(), outside.err());
        assertTrue(outside.err().contains("box 0,0,0,30,10,8") && outside.err().contains("24×20×8"), outside.err());
        CliTest.Result empty = CliTest.run("run", pkg.toString(), "--out", dir.resolve("r2").toString(), "--box", "5,0,0,5,10,8");
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, empty.exit(), empty.err());
        assertTrue(empty.err().contains("empty along x"), empty.err());
        CliTest.Result slice = CliTest.run("run", dir.resolve("slice.png").toString(), "--out", dir.resolve("r3").toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, slice.exit(), slice.err());
        assertTrue(slice.err().contains("1 slice") && slice.err().contains("needs at least 3"), slice.err());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("r1")), "a refused run leaves no run directory");
        // ink labels of another size than the surface: refused before anything is appended
        Path seg = pkg.resolve("paths").resolve(SEGMENT);
        java.nio.file.Files.copy(seg.resolve(SEGMENT + "_mask.png"), seg.resolve(SEGMENT + "_inklabels.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliTest.Result fine = CliTest.run("ingest", "--corpus", dir.resolve("c2").toString(), seg.toString());
        assertEquals(0, fine.exit(), "a mask as ink labels still has the surface's size: " + fine.err());
        org.scrollwork.io.Formats.byName("png").orElseThrow().createWriter().write(seg.resolve(SEGMENT + "_inklabels.png"),
                org.scrollwork.io.Volumes.zeros(new long[] {21, 16, 1}, org.scrollwork.io.ScanMetadata.of(org.scrollwork.io.DataType.UINT8)));
        CliTest.Result mismatch = CliTest.run("ingest", "--corpus", dir.resolve("c3").toString(), seg.toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, mismatch.exit(), mismatch.err());
        assertTrue(mismatch.err().contains(SEGMENT + "_inklabels.png") && mismatch.err().contains("21 x 16"), mismatch.err());
        try (Corpus c = Corpus.open(dir.resolve("c3"))) {
            assertEquals(0, c.records().size(), "nothing appended");
        }
    }
}
