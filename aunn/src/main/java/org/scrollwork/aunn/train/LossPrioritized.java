package org.scrollwork.aunn.train;

import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.SplitMix64;

/**
 * Hard-sample mining: keeps a ring pool of the {@code poolSize} most recently trained indices with
 * their losses, and draws {@code round(fraction * batchSize)} of each batch from the pool with
 * probability proportional to loss; the rest is uniform over TRAIN ranks. Pool entries come only
 * from batches this schedule produced, so they are TRAIN indices too.
 *
 * <p>Stateful: the pool is not part of snapshots; a resumed run starts with an empty pool.
 */
public final class LossPrioritized implements IndexSchedule {
    private final int batchSize;
    private final double fraction;
    private final long seed;
    private final long[] poolIndex;
    private final float[] poolLoss;
    private int poolFill;
    private int poolNext;

    public LossPrioritized(int batchSize, double fraction, int poolSize, long seed) {
        if (batchSize < 1 || poolSize < 1) throw new IllegalArgumentException("batch size and pool size must be positive");
        if (fraction < 0 || fraction > 1) throw new IllegalArgumentException("fraction must be in [0, 1]: " + fraction);
        this.batchSize = batchSize;
        this.fraction = fraction;
        this.seed = seed;
        this.poolIndex = new long[poolSize];
        this.poolLoss = new float[poolSize];
    }

    /** Entries currently in the pool. */
    public int poolFill() { return poolFill; }

    @Override public long[] next(IndexedByteSource source, long step) {
        long n = IndexSchedule.trainCount(source);
        SplitMix64 r = SplitMix64.forKey(seed, 404, step);
        long[] out = new long[batchSize];
        int hard = poolFill == 0 ? 0 : (int) Math.round(fraction * batchSize);
        double[] cumulative = new double[poolFill];
        double total = 0;
        for (int i = 0; i < poolFill; i++) cumulative[i] = total += poolLoss[i];
        for (int i = 0; i < hard; i++) out[i] = total > 0 ? poolIndex[pick(cumulative, r.nextDouble() * total)] : poolIndex[(int) r.nextLong(poolFill)];
        for (int i = hard; i < batchSize; i++) out[i] = source.index(Role.TRAIN, r.nextLong(n));
        return out;
    }

    /** First position whose cumulative loss exceeds {@code target} (binary search, O(log pool)). */
    private static int pick(double[] cumulative, double target) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    @Override public void observe(long[] indices, float[] lossBits) {
        for (int i = 0; i < indices.length; i++) {
            poolIndex[poolNext] = indices[i];
            poolLoss[poolNext] = Math.max(0f, lossBits[i]);
            poolNext = (poolNext + 1) % poolIndex.length;
            poolFill = Math.min(poolFill + 1, poolIndex.length);
        }
    }
}
