package org.scrollwork.aunn.train;

import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.SplitMix64;

/** {@code batchSize} TRAIN indices drawn uniformly (with replacement) at every step. */
public record UniformRandom(int batchSize, long seed) implements IndexSchedule {
    public UniformRandom {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }

    @Override public long[] next(IndexedByteSource source, long step) {
        long n = IndexSchedule.trainCount(source);
        SplitMix64 r = SplitMix64.forKey(seed, 101, step);
        long[] out = new long[batchSize];
        for (int i = 0; i < batchSize; i++) out[i] = source.index(Role.TRAIN, r.nextLong(n));
        return out;
    }
}
