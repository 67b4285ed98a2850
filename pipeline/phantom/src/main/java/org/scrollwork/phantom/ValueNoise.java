package org.scrollwork.phantom;

/**
 * Smooth deterministic 2-D value noise: random values on an integer lattice, hashed from a seed,
 * blended with a quintic fade. Continuous, in {@code [-1, 1]}, the same on every machine and thread
 * (no state). Costs four hashes per call.
 */
final class ValueNoise {
    private final long seed;

    ValueNoise(long seed) { this.seed = seed; }

    /** Noise at lattice coordinates {@code (u, v)}; features are about one lattice cell wide. */
    double at(double u, double v) {
        double fu = Math.floor(u), fv = Math.floor(v);
        long iu = (long) fu, iv = (long) fv;
        double tu = fade(u - fu), tv = fade(v - fv);
        double a = lattice(iu, iv), b = lattice(iu + 1, iv), c = lattice(iu, iv + 1), d = lattice(iu + 1, iv + 1);
        double ab = a + (b - a) * tu, cd = c + (d - c) * tu;
        return ab + (cd - ab) * tv;
    }

    /** Two octaves: {@code 2/3 at(u, v) + 1/3 at(2.03 u, 2.03 v)}, still within [-1, 1]. */
    double fractal(double u, double v) {
        return (2 * at(u, v) + at(2.03 * u + 17.1, 2.03 * v + 5.3)) / 3;
    }

    private static double fade(double t) { return t * t * t * (t * (t * 6 - 15) + 10); }

    private double lattice(long i, long j) { return unit(seed, i, j) * 2 - 1; }

    /** A hash of three longs mapped to {@code [0, 1)}. */
    static double unit(long a, long b, long c) {
        return (mix(a * 0x9E3779B97F4A7C15L + mix(b * 0xC2B2AE3D27D4EB4FL + mix(c))) >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finalizer: a bijective mixing of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
