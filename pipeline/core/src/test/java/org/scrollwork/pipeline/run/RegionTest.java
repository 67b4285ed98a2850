package org.scrollwork.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;

/** Chosen boxes, the centred crop along a hold-out axis, and the record view that puts the hold-out axis last. */
class RegionTest {
    private static final long[] SHAPE = {40, 30, 20};

    @Test
    void aBoxIsTakenAsGivenWithExclusiveEnds() {
        Region r = Region.box(SHAPE, new long[] {4, 5, 6, 36, 25, 20}, "scan.tif");
        assertArrayEquals(new long[] {4, 5, 6}, r.origin());
        assertArrayEquals(new long[] {32, 20, 14}, r.size());
        assertTrue(r.contains(35, 24, 19) && !r.contains(36, 24, 19) && !r.contains(3, 5, 6));
    }

    @Test
    void badBoxesNameTheBoxAndTheVolumesSize() {
        RegionException outside = assertThrows(RegionException.class, () -> Region.box(SHAPE, new long[] {0, 0, 0, 41, 30, 20}, "scan.tif"));
        assertTrue(outside.getMessage().contains("box 0,0,0,41,30,20") && outside.getMessage().contains("40×30×20")
                && outside.getMessage().contains("along x"), outside.getMessage());
        RegionException negative = assertThrows(RegionException.class, () -> Region.box(SHAPE, new long[] {0, -1, 0, 10, 10, 10}, "scan.tif"));
        assertTrue(negative.getMessage().contains("along y"), negative.getMessage());
        RegionException empty = assertThrows(RegionException.class, () -> Region.box(SHAPE, new long[] {0, 0, 7, 10, 10, 7}, "scan.tif"));
        assertTrue(empty.getMessage().contains("empty along z"), empty.getMessage());
        RegionException thin = assertThrows(RegionException.class, () -> Region.box(SHAPE, new long[] {0, 0, 0, 10, 10, 2}, "scan.tif"));
        assertTrue(thin.getMessage().contains("2 slices along z") && thin.getMessage().contains("at least 3"), thin.getMessage());
        // the same thin box is fine when rows are held out
        assertArrayEquals(new long[] {10, 10, 2}, Region.box(SHAPE, new long[] {0, 0, 0, 10, 10, 2}, "scan.tif", HoldOutAxis.Y).size());
    }

    @Test
    void aSingleSliceNeedsRowsHeldOut() {
        long[] slice = {96, 80, 1};
        RegionException e = assertThrows(RegionException.class, () -> Region.centred(slice, 64, "slice.png"));
        assertTrue(e.getMessage().contains("1 slice along z") && e.getMessage().contains("--hold-out-axis y"), e.getMessage());
        Region rows = Region.centred(slice, 64, "slice.png", HoldOutAxis.Y);
        assertArrayEquals(new long[] {16, 8, 0}, rows.origin());
        assertArrayEquals(new long[] {64, 64, 1}, rows.size());
    }

    @Test
    void theRecordPutsTheHoldOutAxisLast() {
        long[] shape = {5, 4, 3};
        short[] v = new short[5 * 4 * 3];
        for (int z = 0; z < 3; z++) for (int y = 0; y < 4; y++) for (int x = 0; x < 5; x++) v[(z * 4 + y) * 5 + x] = (short) (100 * z + 10 * y + x);
        Volume<?> vol = Volumes.wrap(v, shape, ScanMetadata.builder(DataType.UINT16).voxelSizeUm(new VoxelSize(1, 2, 3)).build());
        Volume<?> rows = HoldOutAxis.Y.record(vol);
        assertArrayEquals(new long[] {5, 3, 4}, rows.shape());
        assertEquals(100 * 2 + 10 * 3 + 1, Volumes.get(cast(rows), 1, 2, 3), "record (x, z, y) holds scan (x, y, z)");
        assertEquals(new VoxelSize(1, 3, 2), rows.meta().voxelSizeUm().orElseThrow());
        assertEquals("x,z,y", HoldOutAxis.Y.recordAxes());
        Volume<?> cols = HoldOutAxis.X.record(vol);
        assertArrayEquals(new long[] {3, 4, 5}, cols.shape());
        assertEquals(100 * 1 + 10 * 2 + 4, Volumes.get(cast(cols), 1, 2, 4), "record (z, y, x) holds scan (x, y, z)");
        assertEquals("z,y,x", HoldOutAxis.X.recordAxes());
        assertTrue(HoldOutAxis.Z.record(vol) == vol);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static net.imglib2.RandomAccessibleInterval<net.imglib2.type.numeric.RealType> cast(Volume<?> v) {
        return (net.imglib2.RandomAccessibleInterval) v.image();
    }
}
