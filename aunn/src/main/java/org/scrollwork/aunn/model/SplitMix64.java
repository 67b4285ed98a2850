package org.scrollwork.aunn.model;

/**
 * A tiny seeded generator (SplitMix64) whose whole state is one {@code long}: easy to snapshot,
 * identical on every platform. Not thread-safe.
 */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long seed) { this.state = seed; }

    /** The state; {@code new SplitMix64(s.state())} continues the same sequence. */
    public long state() { return state; }

    public long nextLong() { return mix(state += 0x9E3779B97F4A7C15L); }

    /** SplitMix64's output function: a bijective 64-bit hash, also usable alone as a keyed round function. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, 1)}. */
    public double nextDouble() { return (nextLong() >>> 11) * 0x1.0p-53; }

    /** Uniform in {@code [0, bound)}; {@code bound > 0}. */
    public long nextLong(long bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
        long r = nextLong() >>> 1;
        long m = bound - 1;
        if ((bound & m) == 0) return r & m;
        for (long u = r; u - (r = u % bound) + m < 0; u = nextLong() >>> 1) { /* rejection */ }
        return r;
    }

    /** Standard normal (Box-Muller, one value per call). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** A generator for stream {@code a, b} of {@code seed}: counter-based, independent of call order. */
    public static SplitMix64 forKey(long seed, long a, long b) {
        SplitMix64 s = new SplitMix64(seed ^ 0x5DEECE66DL);
        long x = s.nextLong() ^ a * 0xD6E8FEB86659FD93L;
        SplitMix64 t = new SplitMix64(x);
        return new SplitMix64(t.nextLong() ^ b * 0x9E3779B97F4A7C15L);
    }
}
