package org.scrollwork.aunn.train;

import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;

/**
 * RNN-style training: walks the TRAIN ranks in index order, {@code batchSize} (down to 1) per
 * step, wrapping at the end. Step {@code s} takes ranks {@code s*batchSize ...} modulo the count.
 */
public record Serial(int batchSize) implements IndexSchedule {
    public Serial {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }

    @Override public long[] next(IndexedByteSource source, long step) {
        long n = IndexSchedule.trainCount(source);
        long start = Math.floorMod(step % n * batchSize, n); // exact while n * batchSize < 2^63
        long[] out = new long[batchSize];
        for (int i = 0; i < batchSize; i++) out[i] = source.index(Role.TRAIN, (start + i) % n);
        return out;
    }
}
