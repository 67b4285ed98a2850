package org.scrollwork.corpus;

/**
 * A half-open box of voxels {@code [x0, x1) x [y0, y1) x [z0, z1)} inside one record. A byte range
 * {@code [from, to)} of a text record is the box {@code [from, to) x [0, 1) x [0, 1)}.
 */
public record Box(long x0, long y0, long z0, long x1, long y1, long z1) {
    public Box {
        if (x0 < 0 || y0 < 0 || z0 < 0 || x1 <= x0 || y1 <= y0 || z1 <= z0) {
            throw new IllegalArgumentException("empty or negative box: " + x0 + ".." + x1 + ", " + y0 + ".." + y1 + ", " + z0 + ".." + z1);
        }
    }

    /**
     * A box from six numbers {@code x0, y0, z0, x1, y1, z1} (ends exclusive), as the command line gives it.
     *
     * @throws IllegalArgumentException if there are not six numbers or the box is inverted
     */
    public static Box of(long[] c) {
        if (c.length != 6) throw new IllegalArgumentException("a box needs six numbers x0,y0,z0,x1,y1,z1, got " + c.length);
        return new Box(c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    /**
     * The byte range {@code [from, to)} of a one-dimensional (text or metadata) record.
     *
     * @throws IllegalArgumentException naming the range when it is empty or negative
     */
    public static Box range(long from, long to) {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("empty or negative range " + from + "," + to + ": FROM must be at least 0 and TO greater than FROM (TO is exclusive)");
        }
        return new Box(from, 0, 0, to, 1, 1);
    }

    /** Number of voxels in the box. */
    public long voxels() { return (x1 - x0) * (y1 - y0) * (z1 - z0); }

    public boolean contains(long x, long y, long z) {
        return x >= x0 && x < x1 && y >= y0 && y < y1 && z >= z0 && z < z1;
    }

    public boolean intersects(Box o) {
        return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 && z0 < o.z1 && o.z0 < z1;
    }

    /** Whether the box lies inside an extent. */
    public boolean within(Extent e) { return x1 <= e.x() && y1 <= e.y() && z1 <= e.z(); }

    /** Voxels of the box in slices {@code z < zLimit}. */
    long voxelsBelowZ(long zLimit) {
        long dz = Math.min(z1, zLimit) - z0;
        return dz <= 0 ? 0 : (x1 - x0) * (y1 - y0) * dz;
    }

    /** Voxels of the box in slice {@code z}, rows {@code y < yLimit}. */
    long voxelsInSliceBelowY(long z, long yLimit) {
        if (z < z0 || z >= z1) return 0;
        long dy = Math.min(y1, yLimit) - y0;
        return dy <= 0 ? 0 : (x1 - x0) * dy;
    }

    boolean coversRow(long y, long z) { return y >= y0 && y < y1 && z >= z0 && z < z1; }
}
