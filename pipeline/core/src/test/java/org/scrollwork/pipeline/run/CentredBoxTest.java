package org.scrollwork.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code run --center X,Y,Z --size W,H,D}: the box it stands for, and the combinations and boxes refused. */
class CentredBoxTest {

    @Test
    void anOddSizeIsCentredOnTheVoxelAndAnEvenOneOnItsLowerCorner() {
        // 5 voxels centred on 10: 8, 9, 10, 11, 12; 4 voxels around 20: 18..21; 1 voxel: just 7
        assertArrayEquals(new long[] {8, 18, 7, 13, 22, 8}, new CentredBox(10, 20, 7, 5, 4, 1).box());
        assertArrayEquals(new long[] {480, 480, 284, 544, 544, 316}, CentredBox.resolve(null, new long[] {512, 512, 300}, new long[] {64, 64, 32}));
    }

    @Test
    void withoutCentreTheBoxOrNothingIsTheRegion() {
        long[] box = {0, 0, 0, 4, 4, 4};
        assertArrayEquals(box, CentredBox.resolve(box, null, null));
        assertNull(CentredBox.resolve(null, null, null));
    }

    @Test
    void badCombinationsNameTheOptions() {
        long[] c = {10, 10, 10}, s = {4, 4, 4};
        assertTrue(assertThrows(RegionException.class, () -> CentredBox.resolve(null, c, null)).getMessage().startsWith("--center X,Y,Z needs --size"));
        assertTrue(assertThrows(RegionException.class, () -> CentredBox.resolve(null, null, s)).getMessage().startsWith("--size W,H,D needs --center"));
        assertTrue(assertThrows(RegionException.class, () -> CentredBox.resolve(new long[] {0, 0, 0, 4, 4, 4}, c, s)).getMessage().contains("not both"));
        assertTrue(assertThrows(RegionException.class, () -> CentredBox.resolve(null, new long[] {1, 2}, s)).getMessage().startsWith("--center"));
        assertTrue(assertThrows(RegionException.class, () -> CentredBox.resolve(null, c, new long[] {1, 2, 3, 4})).getMessage().startsWith("--size"));
        assertTrue(assertThrows(RegionException.class, () -> CentredBox.resolve(null, c, new long[] {4, 0, 4})).getMessage().startsWith("--size 4,0,4"));
    }

    @Test
    void aBoxLeavingTheVolumeIsRefusedWithTheVolumesExtentNotClipped() {
        CentredBox b = new CentredBox(10, 10, 1, 8, 8, 8); // z from -3 to 5
        RegionException e = assertThrows(RegionException.class, () -> b.checkInside(new long[] {24, 24, 8}, "scan.tif"));
        assertEquals("--center 10,10,1 --size 8,8,8: box 6,6,-3,14,14,5 leaves scan.tif along z: the volume's size is 24×24×8 (x, y, z), "
                + "so z runs from 0 to at most 8", e.getMessage());
        RegionException high = assertThrows(RegionException.class, () -> new CentredBox(20, 12, 4, 10, 8, 8).checkInside(new long[] {24, 24, 8}, "scan.tif"));
        assertTrue(high.getMessage().contains("box 15,8,0,25,16,8 leaves scan.tif along x"), high.getMessage());
        new CentredBox(12, 12, 4, 24, 24, 8).checkInside(new long[] {24, 24, 8}, "scan.tif"); // the whole volume fits
    }
}
