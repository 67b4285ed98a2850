package org.scrollwork.corpus;

/**
 * A size in voxels along x, y and z (each at least 1). Text and metadata records are {@code [length, 1, 1]}.
 */
public record Extent(long x, long y, long z) {
    public Extent {
        if (x < 1 || y < 1 || z < 1) throw new IllegalArgumentException("extent must be positive: " + x + " x " + y + " x " + z);
    }

    /** Number of voxels. */
    public long voxels() { return Math.multiplyExact(Math.multiplyExact(x, y), z); }

    /** Each axis rounded up to a power of two. */
    public Extent padded() { return new Extent(ceilPow2(x), ceilPow2(y), ceilPow2(z)); }

    /** Whether every axis is a power of two. */
    public boolean isPowerOfTwo() { return Long.bitCount(x) == 1 && Long.bitCount(y) == 1 && Long.bitCount(z) == 1; }

    /** Whether this extent fits inside {@code other} on every axis. */
    public boolean fitsIn(Extent other) { return x <= other.x && y <= other.y && z <= other.z; }

    public long[] toArray() { return new long[] {x, y, z}; }

    public static Extent of(long[] xyz) {
        if (xyz.length != 3) throw new IllegalArgumentException("an extent has 3 axes, got " + xyz.length);
        return new Extent(xyz[0], xyz[1], xyz[2]);
    }

    /** The smallest power of two {@code >= v} ({@code v >= 1}). */
    static long ceilPow2(long v) {
        if (v < 1) throw new IllegalArgumentException("not positive: " + v);
        return v == 1 ? 1 : Long.highestOneBit(v - 1) << 1;
    }

    /** {@code log2(v)} for a power of two. */
    static int log2(long powerOfTwo) { return Long.numberOfTrailingZeros(powerOfTwo); }

    @Override public String toString() { return x + "x" + y + "x" + z; }
}
