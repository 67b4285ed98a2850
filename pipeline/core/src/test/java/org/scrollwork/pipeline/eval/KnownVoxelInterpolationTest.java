package org.scrollwork.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The voxel baselines against values worked out by hand. */
class KnownVoxelInterpolationTest {

    @Test
    void normalizedConvolutionIsTheTentWeightedMeanOfTheKnownNeighbours() {
        // 3×3×3, only (2,1,1) = 4 (one step along x from the centre: weight ½) and (0,0,0) = 10 (a corner: ½·½·½) known
        double[] v = new double[27];
        boolean[] known = new boolean[27];
        v[(1 * 3 + 1) * 3 + 2] = 4;
        known[(1 * 3 + 1) * 3 + 2] = true;
        v[0] = 10;
        known[0] = true;
        double[] out = KnownVoxelInterpolation.normalizedConvolution(v, known, 3, 3, 3);
        assertEquals((0.5 * 4 + 0.125 * 10) / (0.5 + 0.125), out[13], 1e-12); // 5.2
        assertEquals(4, out[(1 * 3 + 1) * 3 + 2]);
        // (2,2,2) reaches only (2,1,1) (weight 1·½·½) in its 3×3×3 window: 4
        assertEquals(4, out[26], 1e-12);
    }

    @Test
    void normalizedConvolutionWidensWhereNoNeighbourIsKnown() {
        // 5×1×1 row, only x = 0 (value 6) known: x = 2 has no known voxel within 1, and at radius 2 only x = 0 → 6
        double[] v = {6, 0, 0, 0, 0};
        boolean[] known = {true, false, false, false, false};
        double[] out = KnownVoxelInterpolation.normalizedConvolution(v, known, 5, 1, 1);
        assertEquals(6, out[2], 1e-12);
        assertEquals(6, out[4], 1e-12);
    }

    @Test
    void linesAcrossABoxReproduceALinearRamp() {
        int nx = 9, ny = 8, nz = 7;
        double[] v = new double[nx * ny * nz];
        boolean[] known = new boolean[v.length];
        double[] masked = new double[v.length];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = (z * ny + y) * nx + x;
                    v[i] = 2 * x + 3 * y + 5 * z + 7;
                    known[i] = !(x >= 2 && x < 7 && y >= 3 && y < 6 && z >= 1 && z < 5);
                    masked[i] = known[i] ? v[i] : -999; // the unknown values must not be read
                }
            }
        }
        double[] out = KnownVoxelInterpolation.acrossLines(masked, known, nx, ny, nz);
        for (int i = 0; i < v.length; i++) assertEquals(v[i], out[i], 1e-9, "voxel " + i);
    }

    @Test
    void linesAverageTheAxesAndUseOneSideAtAnEdge() {
        // 3×1×1 row with x = 0 known (value 8) and x = 1, 2 unknown: only one side along x, y and z give nothing → 8
        double[] out = KnownVoxelInterpolation.acrossLines(new double[] {8, 0, 0}, new boolean[] {true, false, false}, 3, 1, 1);
        assertEquals(8, out[2]);
        // 3×3×1, centre unknown: along x (1 + 3)/2 = 2, along y (10 + 20)/2 = 15; mean 8.5
        double[] v = {0, 10, 0, 1, 0, 3, 0, 20, 0};
        boolean[] known = {true, true, true, true, false, true, true, true, true};
        assertEquals(8.5, KnownVoxelInterpolation.acrossLines(v, known, 3, 3, 1)[4], 1e-12);
    }
}
