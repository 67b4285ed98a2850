package org.scrollwork.phantom;

/**
 * Trilinear interpolation in an in-memory uint8 volume (x fastest) at points given in µm, voxel
 * {@code (i, j, k)}'s centre at {@code ((i + 0.5) w, (j + 0.5) w, (k + 0.5) w)} for voxel size {@code w}
 * (the generator's convention). A point is inside when it lies between the first and last voxel centres
 * on every axis, so every neighbour it blends exists; outside it there is no value.
 */
final class TrilinearSampler {
    private final byte[] voxels;
    private final int nx, ny, nz;
    private final double voxelUm;

    TrilinearSampler(byte[] voxels, long[] shape, double voxelUm) {
        if (voxels.length != shape[0] * shape[1] * shape[2]) {
            throw new IllegalArgumentException("array holds " + voxels.length + " voxels, shape needs " + shape[0] * shape[1] * shape[2]);
        }
        this.voxels = voxels;
        this.nx = (int) shape[0];
        this.ny = (int) shape[1];
        this.nz = (int) shape[2];
        this.voxelUm = voxelUm;
    }

    /** The interpolated grey value at {@code (x, y, z)} µm, or NaN when the point is outside (see the class comment). */
    double at(double xUm, double yUm, double zUm) {
        double fx = xUm / voxelUm - 0.5, fy = yUm / voxelUm - 0.5, fz = zUm / voxelUm - 0.5;
        if (!(fx >= 0 && fx <= nx - 1 && fy >= 0 && fy <= ny - 1 && fz >= 0 && fz <= nz - 1)) return Double.NaN;
        int x0 = (int) fx, y0 = (int) fy, z0 = (int) fz;
        int x1 = Math.min(x0 + 1, nx - 1), y1 = Math.min(y0 + 1, ny - 1), z1 = Math.min(z0 + 1, nz - 1);
        double tx = fx - x0, ty = fy - y0, tz = fz - z0;
        double lower = plane(z0, x0, x1, y0, y1, tx, ty);
        return tz == 0 ? lower : lower + tz * (plane(z1, x0, x1, y0, y1, tx, ty) - lower);
    }

    private double plane(int z, int x0, int x1, int y0, int y1, double tx, double ty) {
        int row0 = (z * ny + y0) * nx, row1 = (z * ny + y1) * nx;
        double a = grey(row0 + x0) + tx * (grey(row0 + x1) - grey(row0 + x0));
        double b = grey(row1 + x0) + tx * (grey(row1 + x1) - grey(row1 + x0));
        return a + ty * (b - a);
    }

    private double grey(int i) { return voxels[i] & 0xff; }
}
