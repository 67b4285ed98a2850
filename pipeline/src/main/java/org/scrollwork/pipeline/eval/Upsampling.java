package org.scrollwork.pipeline.eval;

import org.apache.commons.math3.analysis.interpolation.TricubicInterpolatingFunction;
import org.apache.commons.math3.analysis.interpolation.TricubicInterpolator;
import org.scrollwork.corpus.Box;

/**
 * The baselines for predicting a fine scan from a coarse scan of the same region without a model: upsampling by an
 * integer factor {@code f} (coarse voxel size = f × fine voxel size, both grids starting at the same corner).
 *
 * <p>Voxel values are taken at voxel centres: fine voxel {@code i} (centre {@code (i + ½)·w}) lies at coarse voxel
 * coordinate {@code u = (i + ½)/f − ½}. Trilinear and tricubic interpolate the coarse grid there; beyond the
 * outermost coarse centres the grid is extended by repeating its edge values. Nearest takes the coarse voxel that
 * contains the fine voxel ({@code ⌊(i + ½)/f⌋}). Volumes are flat arrays, x fastest; the result covers a box of the
 * fine grid, x fastest.
 */
public final class Upsampling {
    private Upsampling() {}

    /** The coarse voxel containing each fine voxel of {@code fineBox}. */
    public static double[] nearest(double[] coarse, int cx, int cy, int cz, int factor, Box fineBox) {
        check(coarse, cx, cy, cz, factor);
        double[] out = new double[(int) fineBox.voxels()];
        int k = 0;
        for (long z = fineBox.z0(); z < fineBox.z1(); z++) {
            int kz = clamp((int) ((z + 0.5) / factor), cz);
            for (long y = fineBox.y0(); y < fineBox.y1(); y++) {
                int ky = clamp((int) ((y + 0.5) / factor), cy);
                for (long x = fineBox.x0(); x < fineBox.x1(); x++) {
                    out[k++] = coarse[(kz * cy + ky) * cx + clamp((int) ((x + 0.5) / factor), cx)];
                }
            }
        }
        return out;
    }

    /** Trilinear interpolation of the coarse grid at each fine voxel centre of {@code fineBox}. */
    public static double[] trilinear(double[] coarse, int cx, int cy, int cz, int factor, Box fineBox) {
        check(coarse, cx, cy, cz, factor);
        double[] out = new double[(int) fineBox.voxels()];
        int k = 0;
        for (long z = fineBox.z0(); z < fineBox.z1(); z++) {
            double uz = coordinate(z, factor, cz);
            int z0 = (int) Math.floor(uz), z1 = Math.min(z0 + 1, cz - 1);
            double tz = uz - z0;
            for (long y = fineBox.y0(); y < fineBox.y1(); y++) {
                double uy = coordinate(y, factor, cy);
                int y0 = (int) Math.floor(uy), y1 = Math.min(y0 + 1, cy - 1);
                double ty = uy - y0;
                for (long x = fineBox.x0(); x < fineBox.x1(); x++) {
                    double ux = coordinate(x, factor, cx);
                    int x0 = (int) Math.floor(ux), x1 = Math.min(x0 + 1, cx - 1);
                    double tx = ux - x0;
                    double c00 = lerp(coarse[(z0 * cy + y0) * cx + x0], coarse[(z0 * cy + y0) * cx + x1], tx);
                    double c10 = lerp(coarse[(z0 * cy + y1) * cx + x0], coarse[(z0 * cy + y1) * cx + x1], tx);
                    double c01 = lerp(coarse[(z1 * cy + y0) * cx + x0], coarse[(z1 * cy + y0) * cx + x1], tx);
                    double c11 = lerp(coarse[(z1 * cy + y1) * cx + x0], coarse[(z1 * cy + y1) * cx + x1], tx);
                    out[k++] = lerp(lerp(c00, c10, ty), lerp(c01, c11, ty), tz);
                }
            }
        }
        return out;
    }

    /**
     * Commons Math tricubic interpolation ({@link TricubicInterpolator}: Lekien–Marsden, derivatives by central
     * differences) of the coarse grid at each fine voxel centre of {@code fineBox}. The function is built on the coarse
     * voxels around the box with a margin of two voxels (edge values repeated outside the grid), so the box is always
     * in the interior cells where Commons Math defines it.
     */
    public static double[] tricubic(double[] coarse, int cx, int cy, int cz, int factor, Box fineBox) {
        check(coarse, cx, cy, cz, factor);
        int gx0 = (int) Math.floor((fineBox.x0() + 0.5) / factor - 0.5) - 2, gx1 = (int) Math.ceil((fineBox.x1() - 0.5) / factor - 0.5) + 2;
        int gy0 = (int) Math.floor((fineBox.y0() + 0.5) / factor - 0.5) - 2, gy1 = (int) Math.ceil((fineBox.y1() - 0.5) / factor - 0.5) + 2;
        int gz0 = (int) Math.floor((fineBox.z0() + 0.5) / factor - 0.5) - 2, gz1 = (int) Math.ceil((fineBox.z1() - 0.5) / factor - 0.5) + 2;
        double[] xv = range(gx0, gx1), yv = range(gy0, gy1), zv = range(gz0, gz1);
        double[][][] f = new double[xv.length][yv.length][zv.length];
        for (int i = 0; i < xv.length; i++) {
            for (int j = 0; j < yv.length; j++) {
                for (int l = 0; l < zv.length; l++) {
                    f[i][j][l] = coarse[(clamp(gz0 + l, cz) * cy + clamp(gy0 + j, cy)) * cx + clamp(gx0 + i, cx)];
                }
            }
        }
        TricubicInterpolatingFunction fn = new TricubicInterpolator().interpolate(xv, yv, zv, f);
        double[] out = new double[(int) fineBox.voxels()];
        int k = 0;
        for (long z = fineBox.z0(); z < fineBox.z1(); z++) {
            double uz = (z + 0.5) / factor - 0.5;
            for (long y = fineBox.y0(); y < fineBox.y1(); y++) {
                double uy = (y + 0.5) / factor - 0.5;
                for (long x = fineBox.x0(); x < fineBox.x1(); x++) out[k++] = fn.value((x + 0.5) / factor - 0.5, uy, uz);
            }
        }
        return out;
    }

    /** Coarse coordinate of fine voxel {@code i}, clamped to the coarse centres {@code [0, n-1]}. */
    private static double coordinate(long i, int factor, int n) {
        return Math.max(0, Math.min(n - 1, (i + 0.5) / factor - 0.5));
    }

    private static double lerp(double a, double b, double t) { return a + t * (b - a); }

    private static int clamp(int v, int n) { return Math.max(0, Math.min(n - 1, v)); }

    private static double[] range(int from, int to) {
        double[] r = new double[to - from + 1];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }

    private static void check(double[] coarse, int cx, int cy, int cz, int factor) {
        if (factor < 1) throw new IllegalArgumentException("upsampling factor must be >= 1: " + factor);
        if (cx < 1 || cy < 1 || cz < 1 || (long) cx * cy * cz != coarse.length) {
            throw new IllegalArgumentException("coarse volume has " + coarse.length + " values, not " + cx + "×" + cy + "×" + cz);
        }
    }
}
