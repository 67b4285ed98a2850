package org.scrollwork.aunn.train;

import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.SplitMix64;

/**
 * {@code windows} runs of {@code length} consecutive TRAIN ranks, each at a uniformly random
 * start; a batch of {@code windows * length}. Runs wrap around the end of the TRAIN ranks.
 */
public record PackedWindows(int windows, int length, long seed) implements IndexSchedule {
    public PackedWindows {
        if (windows < 1 || length < 1) throw new IllegalArgumentException("windows and length must be positive: " + windows + " x " + length);
    }

    @Override public long[] next(IndexedByteSource source, long step) {
        long n = IndexSchedule.trainCount(source);
        SplitMix64 r = SplitMix64.forKey(seed, 202, step);
        long[] out = new long[windows * length];
        for (int w = 0; w < windows; w++) {
            long start = r.nextLong(n);
            for (int j = 0; j < length; j++) out[w * length + j] = source.index(Role.TRAIN, (start + j) % n);
        }
        return out;
    }
}
