package org.scrollwork.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.scrollwork.corpus.Box;

class UpsamplingTest {
    private interface Field { double at(double x, double y, double z); }

    private static double[] grid(Field f, int nx, int ny, int nz) {
        double[] v = new double[nx * ny * nz];
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) v[(z * ny + y) * nx + x] = f.at(x, y, z);
        return v;
    }

    @Test
    void trilinearMatchesHandComputedValues() {
        // coarse 2×2×1: only the voxel (1,1) is 16; fine voxel (1,1,0) of a 2× upsampling sits at coarse (0.25, 0.25)
        double[] coarse = {0, 0, 0, 16};
        assertEquals(16 * 0.25 * 0.25, Upsampling.trilinear(coarse, 2, 2, 1, 2, new Box(1, 1, 0, 2, 2, 1))[0], 1e-12);
        // coarse row [0, 8]: fine voxels 0..3 at coarse -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
        assertArrayEquals(new double[] {0, 2, 6, 8}, Upsampling.trilinear(new double[] {0, 8}, 2, 1, 1, 2, new Box(0, 0, 0, 4, 1, 1)), 1e-12);
        // v = x + 10 y + 100 z on a 2×2×2 grid: fine (1,2,1) lies at (0.25, 0.75, 0.25): 0.25 + 7.5 + 25
        double[] lin = grid((x, y, z) -> x + 10 * y + 100 * z, 2, 2, 2);
        assertEquals(32.75, Upsampling.trilinear(lin, 2, 2, 2, 2, new Box(1, 2, 1, 2, 3, 2))[0], 1e-12);
        // factor 3: fine voxel 2 lies at (2.5)/3 - 0.5 = 1/3
        assertEquals(8.0 / 3, Upsampling.trilinear(new double[] {0, 8}, 2, 1, 1, 3, new Box(2, 0, 0, 3, 1, 1))[0], 1e-12);
    }

    @Test
    void nearestTakesTheContainingCoarseVoxel() {
        double[] coarse = grid((x, y, z) -> x + 10 * y + 100 * z, 3, 2, 2);
        double[] fine = Upsampling.nearest(coarse, 3, 2, 2, 2, new Box(0, 0, 0, 6, 4, 4));
        for (int z = 0; z < 4; z++) for (int y = 0; y < 4; y++) for (int x = 0; x < 6; x++) {
            assertEquals((x / 2) + 10 * (y / 2) + 100 * (z / 2), fine[(z * 4 + y) * 6 + x], 0);
        }
    }

    @Test
    void tricubicIsExactForQuadraticsInsideTheGrid() {
        Field f = (x, y, z) -> 2 + 0.5 * x * x - 1.5 * x * y + 0.25 * z * z + 3 * y - 0.75 * y * z + x * z;
        int n = 10, factor = 2;
        double[] coarse = grid(f, n, n, n);
        Box box = new Box(6, 7, 6, 14, 13, 13);
        double[] fine = Upsampling.tricubic(coarse, n, n, n, factor, box);
        double[] lin = Upsampling.trilinear(coarse, n, n, n, factor, box);
        int k = 0;
        double maxLinearError = 0;
        for (long z = box.z0(); z < box.z1(); z++) for (long y = box.y0(); y < box.y1(); y++) for (long x = box.x0(); x < box.x1(); x++) {
            double truth = f.at((x + 0.5) / factor - 0.5, (y + 0.5) / factor - 0.5, (z + 0.5) / factor - 0.5);
            assertEquals(truth, fine[k], 1e-9, "voxel " + x + "," + y + "," + z);
            maxLinearError = Math.max(maxLinearError, Math.abs(truth - lin[k]));
            k++;
        }
        // trilinear is not exact on a quadratic: the test field really exercises the cubic
        assertEquals(true, maxLinearError > 0.05, "trilinear error " + maxLinearError);
    }

    @Test
    void allMethodsAgreeOnAConstantIncludingTheBorders() {
        double[] coarse = new double[4 * 3 * 2];
        java.util.Arrays.fill(coarse, 42);
        Box all = new Box(0, 0, 0, 8, 6, 4);
        for (double v : Upsampling.tricubic(coarse, 4, 3, 2, 2, all)) assertEquals(42, v, 1e-9);
        for (double v : Upsampling.trilinear(coarse, 4, 3, 2, 2, all)) assertEquals(42, v, 1e-12);
    }
}
