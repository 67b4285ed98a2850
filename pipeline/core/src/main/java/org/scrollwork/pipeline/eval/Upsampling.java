package org.scrollwork.pipeline.eval;

import org.apache.commons.math3.analysis.interpolation.TricubicInterpolatingFunction;
import org.scrollwork.corpus.Box;

/**
 * The baselines for predicting a fine scan from a coarse scan of the same region without a model: upsampling by an
 * integer factor {@code f} (coarse voxel size = f × fine voxel size, both grids starting at the same corner).
 *
 * <p>Voxel values are taken at voxel centres: fine voxel {@code i} (centre {@code (i + ½)·w}) lies at coarse voxel
 * coordinate {@code u = (i + ½)/f − ½}. Trilinear and tricubic interpolate the coarse grid there
 * ({@link GridInterpolation}); beyond the outermost coarse centres the grid is extended by repeating its edge values. Nearest takes the coarse voxel that
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
        var reader = GridInterpolation.trilinear(coarse, cx, cy, cz);
        double[] out = new double[(int) fineBox.voxels()];
        int k = 0;
        for (long z = fineBox.z0(); z < fineBox.z1(); z++) {
            for (long y = fineBox.y0(); y < fineBox.y1(); y++) {
                for (long x = fineBox.x0(); x < fineBox.x1(); x++) {
                    out[k++] = GridInterpolation.at(reader, coordinate(x, factor), coordinate(y, factor), coordinate(z, factor));
                }
            }
        }
        return out;
    }

    /**
     * Tricubic interpolation ({@link GridInterpolation#tricubic}) of the coarse grid at each fine voxel centre of
     * {@code fineBox}, built on the coarse voxels around the box with a margin of two voxels, so the box is always in
     * the interior cells where Commons Math defines the function.
     */
    public static double[] tricubic(double[] coarse, int cx, int cy, int cz, int factor, Box fineBox) {
        check(coarse, cx, cy, cz, factor);
        TricubicInterpolatingFunction fn = GridInterpolation.tricubic(coarse, cx, cy, cz,
                (int) Math.floor(coordinate(fineBox.x0(), factor)) - 2, (int) Math.ceil(coordinate(fineBox.x1() - 1, factor)) + 2,
                (int) Math.floor(coordinate(fineBox.y0(), factor)) - 2, (int) Math.ceil(coordinate(fineBox.y1() - 1, factor)) + 2,
                (int) Math.floor(coordinate(fineBox.z0(), factor)) - 2, (int) Math.ceil(coordinate(fineBox.z1() - 1, factor)) + 2, k -> k);
        double[] out = new double[(int) fineBox.voxels()];
        int k = 0;
        for (long z = fineBox.z0(); z < fineBox.z1(); z++) {
            for (long y = fineBox.y0(); y < fineBox.y1(); y++) {
                for (long x = fineBox.x0(); x < fineBox.x1(); x++) out[k++] = fn.value(coordinate(x, factor), coordinate(y, factor), coordinate(z, factor));
            }
        }
        return out;
    }

    /** Coarse grid coordinate of the centre of fine voxel {@code i}. */
    private static double coordinate(long i, int factor) { return (i + 0.5) / factor - 0.5; }

    private static int clamp(int v, int n) { return Math.max(0, Math.min(n - 1, v)); }

    private static void check(double[] coarse, int cx, int cy, int cz, int factor) {
        if (factor < 1) throw new IllegalArgumentException("upsampling factor must be >= 1: " + factor);
        if (cx < 1 || cy < 1 || cz < 1 || (long) cx * cy * cz != coarse.length) {
            throw new IllegalArgumentException("coarse volume has " + coarse.length + " values, not " + cx + "×" + cy + "×" + cz);
        }
    }
}
