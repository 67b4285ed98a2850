package org.scrollwork.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelArrays;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/** Pyramid shapes, voxel sizes and means against closed forms. */
class PyramidsTest {
    @TempDir Path dir;

    /** v(x, y, z) = x + 10 y + 100 z, which is linear, so a block mean is v at the mean coordinates. */
    private static Volume<?> linear(DataType t, long[] s) {
        int n = (int) (s[0] * s[1] * s[2]);
        Object a = VoxelArrays.allocate(t, n);
        int i = 0;
        for (int z = 0; z < s[2]; z++) {
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[0]; x++, i++) {
                    double v = x + 10 * y + 100 * z;
                    if (t == DataType.FLOAT64) ((double[]) a)[i] = v;
                    else ((short[]) a)[i] = (short) v;
                }
            }
        }
        return Volumes.wrap(a, s, ScanMetadata.builder(t).voxelSizeUm(new VoxelSize(7.91, 7.91, 3)).build());
    }

    /** Mean coordinate covered by index {@code i} of level {@code k} along an axis of length {@code n} at level 0. */
    private static double meanCoordinate(int k, long i, long n) {
        if (k == 0) return i;
        long parentLength = n;
        for (int j = 1; j < k; j++) parentLength = (parentLength + 1) / 2;
        double a = meanCoordinate(k - 1, 2 * i, n);
        return 2 * i + 1 < parentLength ? (a + meanCoordinate(k - 1, 2 * i + 1, n)) / 2 : a;
    }

    @Test
    void levelShapesHalveWithCeilingAndVoxelSizesDouble() {
        List<Volume<?>> p = Pyramids.build(linear(DataType.FLOAT64, new long[] {13, 8, 5}), 5);
        long[][] shapes = {{13, 8, 5}, {7, 4, 3}, {4, 2, 2}, {2, 1, 1}, {1, 1, 1}};
        for (int k = 0; k < 5; k++) {
            long[] s = p.get(k).shape();
            assertEquals(List.of(shapes[k][0], shapes[k][1], shapes[k][2]), List.of(s[0], s[1], s[2]), "level " + k);
            assertEquals(k, p.get(k).meta().resolutionLevel());
            VoxelSize vs = p.get(k).meta().voxelSizeUm().orElseThrow();
            assertEquals(7.91 * (1 << k), vs.xUm(), 1e-12);
            assertEquals(3.0 * (1 << k), vs.zUm(), 1e-12);
        }
    }

    @Test
    void meansMatchTheClosedFormAtEveryLevelIncludingOddEdges() {
        long[] s0 = {13, 8, 5};
        List<Volume<?>> p = Pyramids.build(linear(DataType.FLOAT64, s0), 4);
        for (int k = 0; k < 4; k++) {
            long[] s = p.get(k).shape();
            for (long z = 0; z < s[2]; z++) {
                for (long y = 0; y < s[1]; y++) {
                    for (long x = 0; x < s[0]; x++) {
                        double want = meanCoordinate(k, x, s0[0]) + 10 * meanCoordinate(k, y, s0[1]) + 100 * meanCoordinate(k, z, s0[2]);
                        assertEquals(want, Volumes.get(p.get(k).image(), x, y, z), 1e-9, "level " + k + " at " + x + "," + y + "," + z);
                    }
                }
            }
        }
    }

    @Test
    void integerMeansRoundHalfUp() {
        // level 1 of x + 10y + 100z: mean of x over {2i, 2i+1} is 2i + 0.5, of y 2j + 0.5, of z 2k + 0.5 -> 111 (2i..) + 55.5, rounds up
        Volume<?> l1 = Pyramids.build(linear(DataType.UINT16, new long[] {4, 4, 2}), 2).get(1);
        assertEquals(56.0, Volumes.get(l1.image(), 0, 0, 0));
        assertEquals(2 + 20 + 56.0, Volumes.get(l1.image(), 1, 1, 0));
        assertEquals(DataType.UINT16, l1.dataType());
    }

    @Test
    void twoDimensionalImagesKeepTheirSingleSlice() {
        Volume<?> l1 = Pyramids.build(linear(DataType.FLOAT64, new long[] {6, 4, 1}), 2).get(1);
        assertEquals(List.of(3L, 2L, 1L), List.of(l1.shape()[0], l1.shape()[1], l1.shape()[2]));
        assertEquals(3.0, l1.meta().voxelSizeUm().orElseThrow().zUm(), 1e-12);
        assertEquals(0.5 + 10 * 0.5, Volumes.get(l1.image(), 0, 0, 0), 1e-12);
    }

    @Test
    void pyramidWithWriterDefaultsIsTheVesuviusLayout() {
        long[] s = {300, 260, 140};
        Object a = VoxelArrays.allocate(DataType.UINT8, (int) (s[0] * s[1] * s[2]));
        Volume<?> scan = Volumes.wrap(a, s, ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(7.91)).build());
        Path p = dir.resolve("scroll.ome.zarr");
        new OmeZarrFormat().createWriter().write(p, Pyramids.build(scan, 6), WriteOptions.DEFAULTS);
        DatasetInfo info = new OmeZarrFormat().createParser().parse(p);
        assertEquals(6, info.levels().size());
        long[][] shapes = {{300, 260, 140}, {150, 130, 70}, {75, 65, 35}, {38, 33, 18}, {19, 17, 9}, {10, 9, 5}};
        for (int k = 0; k < 6; k++) {
            long[] sh = info.level(k).shape();
            int[] c = info.level(k).chunkShape();
            assertEquals(List.of(shapes[k][0], shapes[k][1], shapes[k][2]), List.of(sh[0], sh[1], sh[2]));
            for (int d = 0; d < 3; d++) assertEquals(Math.min(128, sh[d]), c[d], "chunk of level " + k);
            assertEquals(DataType.UINT8, info.level(k).meta().dataType());
            assertEquals(7.91 * (1 << k), info.level(k).meta().voxelSizeUm().orElseThrow().xUm(), 1e-9);
            assertEquals("{\"id\":\"blosc\",\"cname\":\"lz4\",\"clevel\":5,\"shuffle\":1,\"blocksize\":0}",
                    info.level(k).meta().provenance().get("zarr.compressor"));
        }
    }
}
