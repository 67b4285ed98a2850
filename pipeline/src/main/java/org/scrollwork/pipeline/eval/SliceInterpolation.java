package org.scrollwork.pipeline.eval;

import java.util.Arrays;
import org.apache.commons.math3.analysis.interpolation.TricubicInterpolatingFunction;
import org.apache.commons.math3.analysis.interpolation.TricubicInterpolator;

/**
 * The baselines a researcher would use for missing z slices without a model: interpolation from the
 * known slices of a volume ({@code nx × ny × nz}, x fastest).
 *
 * <p>Trilinear interpolation at the grid's x, y reduces to linear interpolation along z between the
 * nearest known slices below and above. Tricubic interpolation is Commons Math's
 * {@link TricubicInterpolator} (Lekien–Marsden, derivatives from central differences of the known
 * grid), applied in tiles of {@value #TILE}² columns with a one-voxel margin of real neighbours so its
 * memory stays bounded; at the volume's borders the grid is extended by repeating the edge value, since
 * Commons Math's function is defined on its interior cells only.
 */
public final class SliceInterpolation {
    static final int TILE = 16;

    private SliceInterpolation() {}

    /**
     * Linear interpolation along z of every unknown slice from the nearest known slices on each side
     * (a slice with known neighbours on one side only copies the nearest one).
     *
     * @param known which z slices are known; at least one must be
     * @return a copy of {@code volume} with unknown slices replaced
     */
    public static double[] trilinear(double[] volume, int nx, int ny, int nz, boolean[] known) {
        int[] kz = knownSlices(known, nz);
        double[] out = volume.clone();
        int plane = nx * ny;
        for (int z = 0; z < nz; z++) {
            if (known[z]) continue;
            int below = -1, above = -1;
            for (int k : kz) {
                if (k < z) below = k;
                if (k > z && above < 0) above = k;
            }
            for (int i = 0; i < plane; i++) {
                double v;
                if (below < 0) v = volume[above * plane + i];
                else if (above < 0) v = volume[below * plane + i];
                else {
                    double t = (z - below) / (double) (above - below);
                    v = (1 - t) * volume[below * plane + i] + t * volume[above * plane + i];
                }
                out[z * plane + i] = v;
            }
        }
        return out;
    }

    /**
     * Commons Math tricubic interpolation of every unknown slice that lies between two known slices
     * (unknown slices outside the known range copy the nearest known slice).
     *
     * @param known which z slices are known; at least two must be
     * @return a copy of {@code volume} with unknown slices replaced
     */
    public static double[] tricubic(double[] volume, int nx, int ny, int nz, boolean[] known) {
        int[] kz = knownSlices(known, nz);
        if (kz.length < 2) throw new IllegalArgumentException("tricubic interpolation needs at least two known slices");
        double[] out = trilinear(volume, nx, ny, nz, known);
        // z grid: the known slices, extended by one mirrored step at each end.
        double[] zval = new double[kz.length + 2];
        zval[0] = 2 * kz[0] - kz[1];
        for (int i = 0; i < kz.length; i++) zval[i + 1] = kz[i];
        zval[zval.length - 1] = 2 * kz[kz.length - 1] - kz[kz.length - 2];
        for (int ty = 0; ty < ny; ty += TILE) {
            for (int tx = 0; tx < nx; tx += TILE) {
                int x0 = tx - 1, x1 = Math.min(nx, tx + TILE) + 1, y0 = ty - 1, y1 = Math.min(ny, ty + TILE) + 1;
                double[] xval = range(x0, x1), yval = range(y0, y1);
                double[][][] f = new double[xval.length][yval.length][zval.length];
                for (int i = 0; i < xval.length; i++) {
                    int x = clamp(x0 + i, nx);
                    for (int j = 0; j < yval.length; j++) {
                        int y = clamp(y0 + j, ny);
                        for (int k = 0; k < zval.length; k++) {
                            int z = kz[Math.max(0, Math.min(kz.length - 1, k - 1))];
                            f[i][j][k] = volume[(z * ny + y) * nx + x];
                        }
                    }
                }
                TricubicInterpolatingFunction fn = new TricubicInterpolator().interpolate(xval, yval, zval, f);
                for (int z = kz[0] + 1; z < kz[kz.length - 1]; z++) {
                    if (known[z]) continue;
                    for (int y = ty; y < Math.min(ny, ty + TILE); y++) {
                        for (int x = tx; x < Math.min(nx, tx + TILE); x++) out[(z * ny + y) * nx + x] = fn.value(x, y, z);
                    }
                }
            }
        }
        return out;
    }

    private static int[] knownSlices(boolean[] known, int nz) {
        if (known.length != nz) throw new IllegalArgumentException("known has " + known.length + " entries for " + nz + " slices");
        int[] kz = java.util.stream.IntStream.range(0, nz).filter(z -> known[z]).toArray();
        if (kz.length == 0) throw new IllegalArgumentException("no known slice to interpolate from");
        return kz;
    }

    private static double[] range(int from, int to) {
        double[] r = new double[to - from];
        Arrays.setAll(r, i -> from + i);
        return r;
    }

    private static int clamp(int v, int n) { return Math.max(0, Math.min(n - 1, v)); }
}
