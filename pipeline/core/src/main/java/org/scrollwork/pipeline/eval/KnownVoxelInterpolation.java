package org.scrollwork.pipeline.eval;

/**
 * Baselines that fill unknown voxels of a volume (x fastest, {@code nx × ny × nz}) from the known ones only; known voxels
 * are kept. Neither reads an unknown voxel's value.
 */
public final class KnownVoxelInterpolation {
    private KnownVoxelInterpolation() {}

    /**
     * Normalized convolution with the trilinear (tent) kernel: an unknown voxel is the weighted mean of the known voxels
     * in its 3×3×3 neighbourhood, weight {@code Π (1 − |d|/2)} over the three offsets (1 for the voxel's own position, ½ per
     * step along an axis); where none is known the window widens to 5×5×5, 7×7×7, … with the tent {@code Π (1 − |d|/(r+1))}.
     */
    public static double[] normalizedConvolution(double[] v, boolean[] known, int nx, int ny, int nz) {
        double[] out = v.clone();
        int maxR = Math.max(nx, Math.max(ny, nz));
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = (z * ny + y) * nx + x;
                    if (known[i]) continue;
                    out[i] = Double.NaN;
                    for (int r = 1; r <= maxR && Double.isNaN(out[i]); r++) out[i] = tentMean(v, known, nx, ny, nz, x, y, z, r);
                    if (Double.isNaN(out[i])) throw new IllegalArgumentException("no known voxel to interpolate from");
                }
            }
        }
        return out;
    }

    private static double tentMean(double[] v, boolean[] known, int nx, int ny, int nz, int x, int y, int z, int r) {
        double s = 0, w = 0;
        for (int dz = -r; dz <= r; dz++) {
            int zz = z + dz;
            if (zz < 0 || zz >= nz) continue;
            for (int dy = -r; dy <= r; dy++) {
                int yy = y + dy;
                if (yy < 0 || yy >= ny) continue;
                for (int dx = -r; dx <= r; dx++) {
                    int xx = x + dx;
                    if (xx < 0 || xx >= nx) continue;
                    int j = (zz * ny + yy) * nx + xx;
                    if (!known[j]) continue;
                    double wt = (1 - Math.abs(dx) / (r + 1.0)) * (1 - Math.abs(dy) / (r + 1.0)) * (1 - Math.abs(dz) / (r + 1.0));
                    s += wt * v[j];
                    w += wt;
                }
            }
        }
        return w == 0 ? Double.NaN : s / w;
    }

    /**
     * Linear interpolation across the unknown voxels along x, y and z, averaged: along each axis line through an unknown
     * voxel, the nearest known voxel on either side, weighted by the other's distance (the one side's value where the line
     * meets only one known voxel, the axis left out where it meets none); the mean over the axes that give a value. A
     * volume linear in x, y and z is reproduced exactly wherever each axis line meets known voxels on both sides. Where no
     * axis line meets a known voxel, {@link #normalizedConvolution} fills the voxel.
     */
    public static double[] acrossLines(double[] v, boolean[] known, int nx, int ny, int nz) {
        double[] out = v.clone();
        double[] fallback = null;
        int[] n = {nx, ny, nz};
        int[] stride = {1, nx, nx * ny};
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = (z * ny + y) * nx + x;
                    if (known[i]) continue;
                    int[] at = {x, y, z};
                    double sum = 0;
                    int axes = 0;
                    for (int a = 0; a < 3; a++) {
                        int dm = 1, dp = 1;
                        while (at[a] - dm >= 0 && !known[i - dm * stride[a]]) dm++;
                        while (at[a] + dp < n[a] && !known[i + dp * stride[a]]) dp++;
                        boolean hasM = at[a] - dm >= 0, hasP = at[a] + dp < n[a];
                        if (hasM && hasP) sum += (v[i - dm * stride[a]] * dp + v[i + dp * stride[a]] * dm) / (dm + dp);
                        else if (hasM) sum += v[i - dm * stride[a]];
                        else if (hasP) sum += v[i + dp * stride[a]];
                        else continue;
                        axes++;
                    }
                    if (axes > 0) {
                        out[i] = sum / axes;
                    } else {
                        if (fallback == null) fallback = normalizedConvolution(v, known, nx, ny, nz);
                        out[i] = fallback[i];
                    }
                }
            }
        }
        return out;
    }
}
