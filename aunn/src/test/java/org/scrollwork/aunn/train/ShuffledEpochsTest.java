package org.scrollwork.aunn.train;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShuffledEpochsTest {

    @Property(tries = 80)
    void thePermutationIsABijection(@ForAll @IntRange(min = 1, max = 5000) int n, @ForAll long key) {
        RandomPermutation p = new RandomPermutation(n, key);
        boolean[] seen = new boolean[n];
        for (int i = 0; i < n; i++) {
            long r = p.apply(i);
            assertTrue(r >= 0 && r < n, "rank " + r + " outside [0, " + n + ")");
            assertTrue(!seen[(int) r], "rank " + r + " twice");
            seen[(int) r] = true;
        }
    }

    @Property(tries = 20)
    void largeListsNeedNoTable(@ForAll @LongRange(min = 1L << 33, max = 1L << 40) long n, @ForAll long key) {
        RandomPermutation p = new RandomPermutation(n, key);
        Map<Long, Long> ranks = new HashMap<>();
        for (long i = n - 2000; i < n; i++) {
            long r = p.apply(i);
            assertTrue(r >= 0 && r < n);
            assertEquals(null, ranks.put(r, i), "two positions share a rank");
        }
    }

    /** Every TRAIN index once per epoch, whatever the batch size, and epochs in different orders. */
    @Property(tries = 40)
    void everyEpochVisitsEachTrainIndexOnce(@ForAll @IntRange(min = 1, max = 400) int n,
                                           @ForAll @IntRange(min = 1, max = 64) int batch, @ForAll long seed) {
        InMemoryByteSource src = source(n, seed);
        int train = (int) src.count(Role.TRAIN);
        java.util.Set<Long> trainSet = new java.util.HashSet<>();
        for (long k = 0; k < train; k++) trainSet.add(src.index(Role.TRAIN, k));
        ShuffledEpochs s = new ShuffledEpochs(batch, seed);
        int epochs = 3;
        long[] drawn = new long[epochs * train];
        int filled = 0;
        for (long step = 0; filled < drawn.length; step++)
            for (long i : s.next(src, step)) if (filled < drawn.length) drawn[filled++] = i;
        for (int e = 0; e < epochs; e++) {
            java.util.Set<Long> epoch = new java.util.HashSet<>();
            for (int i = e * train; i < (e + 1) * train; i++) epoch.add(drawn[i]);
            assertEquals(trainSet, epoch, "epoch " + e + " is not every TRAIN index once");
        }
        if (train >= 8) assertNotEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(drawn, 0, train)),
                java.util.Arrays.toString(java.util.Arrays.copyOfRange(drawn, train, 2 * train)), "two epochs in one order");
    }

    @Test
    void batchesDependOnlyOnSeedAndStep() {
        InMemoryByteSource src = source(1000, 7);
        ShuffledEpochs a = new ShuffledEpochs(96, 11);
        long[] late = a.next(src, 41);
        ShuffledEpochs b = new ShuffledEpochs(96, 11);
        for (long step = 0; step < 41; step++) b.next(src, step);
        assertArrayEquals(late, b.next(src, 41));
        assertNotEquals(java.util.Arrays.toString(a.next(src, 0)), java.util.Arrays.toString(new ShuffledEpochs(96, 12).next(src, 0)));
    }

    /**
     * The first rank of an epoch is uniform over the list: over 4,000 epochs of 40 indices each count is
     * binomial(4000, 1/40), mean 100, σ ≈ 9.9; a chi-square with 39 degrees of freedom stays below 80 (p ≈ 1e-4).
     */
    @Test
    void epochOrdersAreUniform() {
        int n = 40, epochs = 4000;
        int[] first = new int[n];
        for (int e = 0; e < epochs; e++) first[(int) new RandomPermutation(n, e * 0x9E3779B97F4A7C15L).apply(0)]++;
        double chi2 = 0;
        for (int c : first) chi2 += (c - 100.0) * (c - 100.0) / 100.0;
        assertTrue(chi2 < 80, "chi-square " + chi2);
    }

    private static InMemoryByteSource source(int n, long seed) {
        org.scrollwork.aunn.model.SplitMix64 r = new org.scrollwork.aunn.model.SplitMix64(seed);
        byte[] data = new byte[n];
        Role[] roles = new Role[n];
        for (int i = 0; i < n; i++) roles[i] = r.nextLong(3) == 0 ? Role.HELD_OUT : Role.TRAIN;
        roles[0] = Role.TRAIN;
        return new InMemoryByteSource(20, 1000, data, roles);
    }
}
