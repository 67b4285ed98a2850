package org.scrollwork.aunn.train;

import org.scrollwork.aunn.model.SplitMix64;

/**
 * A seeded pseudo-random permutation of {@code [0, n)} that needs no table: {@link #apply(long)} maps each position
 * to a distinct rank in O(1) memory, so a list of billions of indices can be visited in shuffled order. A
 * balanced Feistel network of four rounds (round function: {@link SplitMix64#mix} of the right half xor the round's key) permutes
 * {@code [0, 4^k)}, the smallest power of four not below {@code n}, and positions that land at or beyond {@code n}
 * are mapped again until they fall inside ("cycle walking", which keeps it a bijection on {@code [0, n)}; fewer
 * than four rounds of walking on average, since {@code 4^k < 4n}).
 */
final class RandomPermutation {
    private final long n;
    private final int halfBits;
    private final long halfMask;
    private final long[] roundKeys = new long[4];

    /** A permutation of {@code [0, n)} chosen by {@code key}; {@code n ≥ 1}. */
    RandomPermutation(long n, long key) {
        if (n < 1) throw new IllegalArgumentException("a permutation needs at least one element: " + n);
        this.n = n;
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
        this.halfBits = Math.max(1, (bits + 1) / 2);
        this.halfMask = (1L << halfBits) - 1;
        SplitMix64 r = new SplitMix64(key);
        for (int i = 0; i < roundKeys.length; i++) roundKeys[i] = r.nextLong();
    }

    long size() { return n; }

    /** The rank at {@code position}, {@code 0 ≤ position < n}; distinct positions give distinct ranks. */
    long apply(long position) {
        if (position < 0 || position >= n) throw new IndexOutOfBoundsException(position + " not in [0, " + n + ")");
        long x = position;
        do {
            x = feistel(x);
        } while (x >= n);
        return x;
    }

    private long feistel(long x) {
        long left = x >>> halfBits, right = x & halfMask;
        for (long k : roundKeys) {
            long next = left ^ (SplitMix64.mix(right ^ k) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }
}
