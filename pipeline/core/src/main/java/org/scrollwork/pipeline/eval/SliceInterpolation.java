package org.scrollwork.pipeline.eval;

import org.apache.commons.math3.analysis.interpolation.TricubicInterpolatingFunction;

/**
 * The baselines a researcher would use for missing z slices without a model: interpolation from the
 * known slices of a volume ({@code nx × ny × nz}, x fastest).
 *
 * <p>Both read the stack of known slices through {@link GridInterpolation}. Trilinear interpolation at the grid's x, y
 * reduces to linear interpolation along z between the nearest known slices below and above. Tricubic interpolation
 * is applied in tiles of {@value #TILE}² columns with a one-voxel margin so its memory stays bounded; the known
 * slices keep their true z, so unevenly spaced ones are interpolated as such.
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
        var reader = GridInterpolation.trilinear(knownStack(volume, nx * ny, kz), nx, ny, kz.length);
        double[] out = volume.clone();
        for (int z = 0; z < nz; z++) {
            if (known[z]) continue;
            double s = stackPosition(kz, z);
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) out[(z * ny + y) * nx + x] = GridInterpolation.at(reader, x, y, s);
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
        double[] stack = knownStack(volume, nx * ny, kz);
        int m = kz.length;
        // the known slices at their true z, continued by one step of the end spacing at each end
        java.util.function.IntToDoubleFunction zAt = k -> k < 0 ? kz[0] + k * (kz[1] - kz[0])
                : k >= m ? kz[m - 1] + (k - m + 1) * (kz[m - 1] - kz[m - 2]) : kz[k];
        for (int ty = 0; ty < ny; ty += TILE) {
            for (int tx = 0; tx < nx; tx += TILE) {
                TricubicInterpolatingFunction fn = GridInterpolation.tricubic(stack, nx, ny, m, tx - 1, Math.min(nx, tx + TILE), ty - 1,
                        Math.min(ny, ty + TILE), -1, m, zAt);
                for (int z = kz[0] + 1; z < kz[m - 1]; z++) {
                    if (known[z]) continue;
                    for (int y = ty; y < Math.min(ny, ty + TILE); y++) {
                        for (int x = tx; x < Math.min(nx, tx + TILE); x++) out[(z * ny + y) * nx + x] = fn.value(x, y, z);
                    }
                }
            }
        }
        return out;
    }

    /** The known slices, in order, as one volume of {@code kz.length} slices. */
    private static double[] knownStack(double[] volume, int plane, int[] kz) {
        double[] stack = new double[kz.length * plane];
        for (int k = 0; k < kz.length; k++) System.arraycopy(volume, kz[k] * plane, stack, k * plane, plane);
        return stack;
    }

    /** Where slice z lies in the stack of known slices: between the nearest below and above, or clamped to the ends. */
    private static double stackPosition(int[] kz, int z) {
        int above = 0;
        while (above < kz.length && kz[above] < z) above++;
        if (above == 0) return 0;
        if (above == kz.length) return kz.length - 1;
        return above - 1 + (z - kz[above - 1]) / (double) (kz[above] - kz[above - 1]);
    }

    private static int[] knownSlices(boolean[] known, int nz) {
        if (known.length != nz) throw new IllegalArgumentException("known has " + known.length + " entries for " + nz + " slices");
        int[] kz = java.util.stream.IntStream.range(0, nz).filter(z -> known[z]).toArray();
        if (kz.length == 0) throw new IllegalArgumentException("no known slice to interpolate from");
        return kz;
    }

}
