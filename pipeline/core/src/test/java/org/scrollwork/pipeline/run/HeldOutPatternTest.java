package org.scrollwork.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Parsing {@code --hold-out}, the bad specs refused naming the option, and the pattern in the run config. */
class HeldOutPatternTest {

    @Test
    void parsesTheThreePatterns() {
        assertInstanceOf(HeldOutPattern.Planes.class, HeldOutPattern.parse("planes"));
        assertEquals(new HeldOutPattern.RandomVoxels(0.5), HeldOutPattern.parse("random:0.5"));
        assertEquals(new HeldOutPattern.DamagedBox(1, 2, 3, 4, 5, 6), HeldOutPattern.parse("BOX:1,2,3,4,5,6"));
        assertEquals("box:1,2,3,4,5,6", HeldOutPattern.parse("box:1, 2,3,4,5,6").spec());
        assertEquals("random:0.25", HeldOutPattern.parse("random:.25").spec());
    }

    @Test
    void badSpecsNameTheOption() {
        for (String bad : new String[] {"box:5,5", "random:1.5", "random:0", "random:x", "box:4,4,4,2,8,8", "sparse", "box:a,1,1,2,2,2"}) {
            RegionException e = assertThrows(RegionException.class, () -> HeldOutPattern.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--hold-out"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    @Test
    void theConfigStoresAVoxelPatternAndLeavesPlanesOut() {
        RunConfig c = RunConfig.of(Path.of("scan.tif"), 0, 16, 10, 1);
        assertNull(c.holdOut());
        assertNull(c.withHoldOut(new HeldOutPattern.Planes()).holdOut());
        RunConfig r = c.withHoldOut(HeldOutPattern.parse("random:0.5"));
        assertEquals("random:0.5", r.holdOut());
        assertEquals(new HeldOutPattern.RandomVoxels(0.5), r.pattern());
        RegionException axis = assertThrows(RegionException.class, () -> r.withHoldOutAxis(HoldOutAxis.Y));
        assertTrue(axis.getMessage().contains("--hold-out-axis"), axis.getMessage());
    }

    @Test
    void everyCopyKeepsThePattern() {
        RunConfig r = RunConfig.of(Path.of("scan.tif"), 0, 16, 10, 1).withHoldOut(HeldOutPattern.parse("box:4,4,2,12,12,6"));
        assertEquals("box:4,4,2,12,12,6", r.withPrior(Path.of("sblgnt.sqlite")).holdOut());
        assertEquals("box:4,4,2,12,12,6", r.withPrior(null).holdOut());
        assertEquals("box:4,4,2,12,12,6", r.withText(Path.of("t.txt"), null, null).holdOut());
        assertEquals("box:4,4,2,12,12,6", r.withModel(32, 1, 64, 1e-3).holdOut());
    }

    @Test
    void aBoxMustLieInsideTheRegion() {
        long[] scan = {40, 40, 20};
        RunConfig c = RunConfig.of(Path.of("scan.tif"), 0, 16, 10, 1).withHoldOut(HeldOutPattern.parse("box:4,4,2,12,12,6"));
        assertEquals(16, c.region(scan).size()[0]); // the centred 16×16×8 region holds the box
        RunConfig out = RunConfig.of(Path.of("scan.tif"), 0, 16, 10, 1).withHoldOut(HeldOutPattern.parse("box:4,4,2,12,12,9"));
        RegionException e = assertThrows(RegionException.class, () -> out.region(scan));
        assertTrue(e.getMessage().contains("--hold-out box:4,4,2,12,12,9 leaves the region along z"), e.getMessage());
        RunConfig whole = RunConfig.of(Path.of("scan.tif"), 0, 16, 10, 1).withHoldOut(HeldOutPattern.parse("box:0,0,0,16,16,8"));
        assertThrows(RegionException.class, () -> whole.region(scan));
    }

    @Test
    void aSingleSliceTakesVoxelPatterns() {
        RunConfig c = RunConfig.of(Path.of("scan.png"), 0, 16, 10, 1).withHoldOut(HeldOutPattern.parse("random:0.3"));
        assertEquals(1, c.region(new long[] {16, 16, 1}).size()[2]);
    }

    @Test
    void planesTakeASpacingAndPlanesTwoIsTheDefault() {
        assertEquals(new HeldOutPattern.Planes(2), HeldOutPattern.parse("planes"));
        assertEquals(new HeldOutPattern.Planes(2), HeldOutPattern.parse("planes:2"));
        assertEquals("planes", HeldOutPattern.parse("planes:2").spec());
        assertEquals(new HeldOutPattern.Planes(3), HeldOutPattern.parse("Planes:3"));
        assertEquals("planes:4", HeldOutPattern.parse("planes: 4").spec());
        assertEquals(5, new HeldOutPattern.Planes(4).minPlanes());
    }

    @Test
    void aBadSpacingNamesTheOption() {
        for (String bad : new String[] {"planes:1", "planes:0", "planes:-3", "planes:2.5", "planes:x", "planes:", "planes:99999999999"}) {
            RegionException e = assertThrows(RegionException.class, () -> HeldOutPattern.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--hold-out planes:"), e.getMessage());
            assertTrue(e.getMessage().contains("2 or more"), e.getMessage());
        }
    }

    @Test
    void theConfigStoresASpacingAndLeavesEverySecondPlaneOut() {
        RunConfig c = RunConfig.of(Path.of("scan.tif"), 0, 16, 10, 1);
        assertNull(c.withHoldOut(HeldOutPattern.parse("planes:2")).holdOut()); // as a run before planes:K, bit for bit
        RunConfig three = c.withHoldOut(HeldOutPattern.parse("planes:3"));
        assertEquals("planes:3", three.holdOut());
        assertEquals(new HeldOutPattern.Planes(3), three.pattern());
        RunConfig rows = three.withHoldOutAxis(HoldOutAxis.Y); // planes may lie along any axis
        assertEquals("y", rows.holdOutAxis());
        assertEquals("planes:3", rows.withModel(32, 1, 64, 1e-3).holdOut());
    }

    @Test
    void aSpacingNeedsOneWholeGapInTheRegion() {
        long[] scan = {40, 40, 20};
        // the centred crop 16 has 8 slices along z: planes:7 needs 8, planes:8 needs 9
        assertEquals(8, RunConfig.of(Path.of("scan.tif"), 0, 16, 10, 1).withHoldOut(HeldOutPattern.parse("planes:7")).region(scan).size()[2]);
        RunConfig eight = RunConfig.of(Path.of("scan.tif"), 0, 16, 10, 1).withHoldOut(HeldOutPattern.parse("planes:8"));
        RegionException e = assertThrows(RegionException.class, () -> eight.region(scan));
        assertTrue(e.getMessage().startsWith("--hold-out planes:8 needs at least 9 slices along z (a known one on either side of 7 held out); "
                + "the region 16×16×8 at 12,12,6 of "), e.getMessage());
        assertTrue(e.getMessage().contains(" has 8: choose a smaller K"), e.getMessage());
        // along y the region has 16 rows
        RunConfig rows = RunConfig.of(Path.of("scan.tif"), 0, 16, 10, 1).withHoldOut(HeldOutPattern.parse("planes:16")).withHoldOutAxis(HoldOutAxis.Y);
        assertTrue(assertThrows(RegionException.class, () -> rows.region(scan)).getMessage().contains("needs at least 17 rows along y"));
        // a single slice: planes:3 along z says what it needs, every second plane keeps its own message
        RunConfig single = RunConfig.of(Path.of("scan.png"), 0, 16, 10, 1).withHoldOut(HeldOutPattern.parse("planes:3"));
        assertTrue(assertThrows(RegionException.class, () -> single.region(new long[] {16, 16, 1})).getMessage().startsWith("--hold-out planes:3 needs at least 4"));
    }
}
