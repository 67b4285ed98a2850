package org.scrollwork.io;

/**
 * The physical size of one voxel in micrometres, per axis. Scans are usually isotropic
 * ({@code 7.91 µm}), but stacks and downsampled pyramid levels need not be.
 */
public record VoxelSize(double xUm, double yUm, double zUm) {
    public VoxelSize {
        if (!(xUm > 0 && yUm > 0 && zUm > 0) || Double.isInfinite(xUm + yUm + zUm)) {
            throw new IllegalArgumentException("voxel size must be finite and positive: " + xUm + ", " + yUm + ", " + zUm);
        }
    }

    public static VoxelSize isotropic(double um) { return new VoxelSize(um, um, um); }

    /** This voxel size scaled by a factor per axis (a pyramid level downsampled by 2 is {@code scaled(2, 2, 2)}). */
    public VoxelSize scaled(double fx, double fy, double fz) { return new VoxelSize(xUm * fx, yUm * fy, zUm * fz); }

    public double[] toArray() { return new double[] {xUm, yUm, zUm}; }

    public boolean isIsotropic() { return xUm == yUm && yUm == zUm; }
}
