package org.scrollwork.pipeline.eval;

import java.util.function.IntToDoubleFunction;
import net.imglib2.RealRandomAccess;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.interpolation.randomaccess.NLinearInterpolatorFactory;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.view.Views;
import org.apache.commons.math3.analysis.interpolation.TricubicInterpolatingFunction;
import org.apache.commons.math3.analysis.interpolation.TricubicInterpolator;

/**
 * The one place the interpolation baselines come from: a grid of samples ({@code nx × ny × nz}, x fastest) read
 * trilinearly by ImgLib2 ({@link NLinearInterpolatorFactory}) and tricubically by Commons Math
 * ({@link TricubicInterpolator}: Lekien–Marsden, derivatives by central differences). Outside the grid its edge
 * values repeat (ImgLib2's border extension), so both are defined up to and beyond the outermost samples.
 */
final class GridInterpolation {
    private GridInterpolation() {}

    /**
     * Trilinear reading of the grid at real grid coordinates (sample {@code (i, j, k)} sits at {@code (i, j, k)});
     * not thread-safe, one per thread.
     */
    static RealRandomAccess<DoubleType> trilinear(double[] values, int nx, int ny, int nz) {
        check(values, nx, ny, nz);
        return Views.interpolate(Views.extendBorder(ArrayImgs.doubles(values, nx, ny, nz)), new NLinearInterpolatorFactory<DoubleType>())
                .realRandomAccess();
    }

    /** The trilinear value at {@code (x, y, z)} of a reader from {@link #trilinear}. */
    static double at(RealRandomAccess<DoubleType> reader, double x, double y, double z) {
        reader.setPosition(x, 0);
        reader.setPosition(y, 1);
        reader.setPosition(z, 2);
        return reader.get().get();
    }

    /**
     * Commons Math's tricubic function on the grid samples {@code x0..x1 × y0..y1 × z0..z1} (indices, inclusive; they
     * may reach outside the grid, where the edge values repeat). Samples sit at x = i and y = j; along z at
     * {@code zAt(k)}, which must increase with k (so known slices spaced unevenly keep their true positions). The
     * function is defined on the interior cells, so ask for one sample more than the region it is read on, on
     * each side.
     */
    static TricubicInterpolatingFunction tricubic(double[] values, int nx, int ny, int nz, int x0, int x1, int y0, int y1, int z0, int z1,
                                                  IntToDoubleFunction zAt) {
        check(values, nx, ny, nz);
        double[] xv = new double[x1 - x0 + 1], yv = new double[y1 - y0 + 1], zv = new double[z1 - z0 + 1];
        for (int i = 0; i < xv.length; i++) xv[i] = x0 + i;
        for (int j = 0; j < yv.length; j++) yv[j] = y0 + j;
        for (int k = 0; k < zv.length; k++) zv[k] = zAt.applyAsDouble(z0 + k);
        double[][][] f = new double[xv.length][yv.length][zv.length];
        for (int i = 0; i < xv.length; i++) {
            int x = clamp(x0 + i, nx);
            for (int j = 0; j < yv.length; j++) {
                int y = clamp(y0 + j, ny);
                for (int k = 0; k < zv.length; k++) f[i][j][k] = values[(clamp(z0 + k, nz) * ny + y) * nx + x];
            }
        }
        return new TricubicInterpolator().interpolate(xv, yv, zv, f);
    }

    private static int clamp(int v, int n) { return Math.max(0, Math.min(n - 1, v)); }

    private static void check(double[] values, int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1 || (long) nx * ny * nz != values.length) {
            throw new IllegalArgumentException("grid has " + values.length + " values, not " + nx + "×" + ny + "×" + nz);
        }
    }
}
