package org.scrollwork.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.vesuvius.Segment;

/** The default phantom's recto as a Vesuvius segment: its shape, what it samples, its labels, and its files. */
class PhantomSegmentTest {
    private static PhantomConfig config;
    private static Phantom phantom;
    private static PhantomSegment segment;
    private static int columns, rows, layers;
    private static byte[] surface, ink, mask;

    @BeforeAll static void generate() {
        config = PhantomConfig.defaults();
        phantom = PhantomGenerator.generate(config);
        segment = PhantomSegment.of(phantom);
        long[] s = segment.surface().shape();
        columns = (int) s[0];
        rows = (int) s[1];
        layers = (int) s[2];
        surface = PhantomLevel.voxels(segment.surface());
        ink = PhantomLevel.voxels(segment.inkLabels());
        mask = PhantomLevel.voxels(segment.mask());
    }

    @Test void oneColumnPerFineVoxelAlongTheSheetOneRowPerSliceAndSixteenLayers() {
        SpiralGeometry g = new SpiralGeometry(config);
        assertEquals((int) Math.floor(g.sheetLengthUm() / config.fineVoxelUm()), columns);
        assertEquals(config.sizeZ(), rows);
        assertEquals(PhantomSegment.DEFAULT_LAYERS, layers);
        assertEquals(8, segment.inkLayer());
        assertEquals("recto-4um", segment.id());
        for (Volume<?> v : List.of(segment.surface(), segment.inkLabels(), segment.mask())) {
            assertEquals(config.fineVoxelUm(), v.meta().voxelSizeUm().orElseThrow().xUm(), 1e-12);
            assertEquals("PHANTOM-1", v.meta().scrollId().orElseThrow());
            assertEquals("PHANTOM-1-recto-4um", v.meta().scanId().orElseThrow());
        }
        assertEquals(54.0, segment.surface().meta().beamEnergyKeV().orElseThrow());
    }

    /** The value at a few points, recomputed from the scan's voxels: the rows lie on slice centres, so trilinear is bilinear there. */
    @Test void samplesTheNoisyFineScanAtTheSurfacePoints() {
        SpiralGeometry g = new SpiralGeometry(config);
        SheetMaterial m = new SheetMaterial(config, g.sheetLengthUm());
        byte[] scan = PhantomLevel.voxels(phantom.fine().scans().get(0));
        int nx = config.sizeX(), ny = config.sizeY();
        double w = config.fineVoxelUm();
        double[] xy = new double[2];
        int checked = 0;
        for (int u = 3; u < columns; u += 37) {
            for (int v = 1; v < rows; v += 13) {
                if (mask[v * columns + u] == 0) continue;
                for (int k : new int[] {0, 5, 8, 15}) {
                    int plane = rows - 1 - v; // row 0 is the top slice
                    double s = (u + 0.5) * w, z = (plane + 0.5) * w;
                    g.slice(z).toXY(s, m.rectoSurface(s, z) + config.inkDepthUm() / 2 + (k - 8) * w, xy);
                    double fx = xy[0] / w - 0.5, fy = xy[1] / w - 0.5;
                    int x0 = (int) Math.floor(fx), y0 = (int) Math.floor(fy);
                    double tx = fx - x0, ty = fy - y0;
                    double expected = 0;
                    for (int dy = 0; dy <= 1; dy++) {
                        for (int dx = 0; dx <= 1; dx++) {
                            double weight = (dx == 0 ? 1 - tx : tx) * (dy == 0 ? 1 - ty : ty);
                            if (weight > 0) expected += weight * (scan[(plane * ny + y0 + dy) * nx + x0 + dx] & 0xff);
                        }
                    }
                    int actual = surface[(k * rows + v) * columns + u] & 0xff;
                    assertEquals(expected, actual, 0.5 + 1e-9, "u " + u + ", v " + v + ", layer " + k);
                    checked++;
                }
            }
        }
        assertTrue(checked > 100, "points checked: " + checked);
    }

    @Test void inkIsBrighterThanBarePapyrusInTheInkLayer() {
        double[] inkMean = meanGrey(segment.inkLayer(), true), bareMean = meanGrey(segment.inkLayer(), false);
        // ink is 8 % denser than papyrus: about 10 grey levels at 54 keV where the stroke fills the voxel
        assertTrue(inkMean[0] > bareMean[0] + 3, "ink " + inkMean[0] + " vs bare papyrus " + bareMean[0]);
    }

    @Test void theAirGapInsideTheRectoIsDarkerThanTheSurface() {
        // the gap between this wind and the next one in lies from the recto to gapVoxels further in; its middle is this many layers below the ink layer
        int gapLayer = segment.inkLayer() - (int) Math.round((config.inkDepthUm() / 2) / config.fineVoxelUm() + config.gapVoxels() / 2);
        double surfaceGrey = meanGrey(segment.inkLayer(), null)[0], gapGrey = meanGrey(gapLayer, null)[0];
        double contrast = XrayModel.papyrusAirContrast(54);
        assertTrue(surfaceGrey > XrayModel.AIR_GREY + 0.7 * contrast, "surface layer " + surfaceGrey);
        assertTrue(gapGrey < XrayModel.AIR_GREY + 0.4 * contrast, "gap layer " + gapLayer + ": " + gapGrey);
    }

    @Test void inkCoversAFewPercentOfTheMaskAndTheMaskMostOfTheSheet() {
        long valid = 0, inked = 0;
        for (int i = 0; i < mask.length; i++) {
            assertTrue(mask[i] == 0 || mask[i] == (byte) 255, "mask is 0/255");
            assertTrue(ink[i] == 0 || ink[i] == (byte) 255, "ink labels are 0/255");
            if (mask[i] == 0) assertEquals(0, ink[i], "no ink outside the mask");
            valid += mask[i] != 0 ? 1 : 0;
            inked += ink[i] != 0 ? 1 : 0;
        }
        double inkFraction = (double) inked / valid, maskFraction = (double) valid / mask.length;
        assertTrue(inkFraction > 0.01 && inkFraction < 0.40, "ink fraction " + inkFraction);
        assertTrue(maskFraction > 0.8, "mask fraction " + maskFraction);
    }

    @Test void sameBytesOnOneThread() throws Exception {
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            PhantomSegment again = one.submit(() -> PhantomSegment.of(phantom)).get();
            assertArrayEquals(surface, PhantomLevel.voxels(again.surface()));
            assertArrayEquals(ink, PhantomLevel.voxels(again.inkLabels()));
            assertArrayEquals(mask, PhantomLevel.voxels(again.mask()));
        } finally {
            one.shutdown();
        }
    }

    @Test void writtenSegmentReadsBackAsAVesuviusSegment(@TempDir Path dir) throws IOException {
        List<Path> written = PhantomWriter.writeSegment(segment, dir);
        Path folder = dir.resolve("recto-4um");
        assertEquals(List.of(folder.resolve("layers"), folder.resolve("recto-4um_inklabels.png"), folder.resolve("recto-4um_mask.png")), written);
        Segment back = Segment.read(folder);
        assertEquals("recto-4um", back.id());
        assertArrayEquals(segment.surface().shape(), back.surface().shape());
        assertEquals(0.0, Volumes.maxAbsDifference(segment.surface().image(), back.surface().image()));
        assertEquals(config.fineVoxelUm(), back.surface().meta().voxelSizeUm().orElseThrow().xUm(), 1e-9);
        assertEquals(0.0, Volumes.maxAbsDifference(segment.inkLabels().image(), back.inkLabels().orElseThrow().image()));
        assertEquals(0.0, Volumes.maxAbsDifference(segment.mask().image(), back.mask().orElseThrow().image()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(folder), files.toList(), "nothing but the segment folder, no temporaries");
        }
        PhantomWriter.writeSegment(segment, dir); // a rewrite replaces the folder
        assertEquals(0.0, Volumes.maxAbsDifference(segment.surface().image(), Segment.read(folder).surface().image()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(folder), files.toList());
        }
    }

    /** Mean grey of a layer within the mask: where the ink labels are 255 ({@code inked} true), 0 (false) or anywhere (null). */
    private static double[] meanGrey(int layer, Boolean inked) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 0 || (inked != null && (ink[i] != 0) != inked)) continue;
            sum += surface[layer * mask.length + i] & 0xff;
            n++;
        }
        return new double[] {sum / n, n};
    }
}
