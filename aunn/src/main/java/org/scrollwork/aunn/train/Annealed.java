package org.scrollwork.aunn.train;

import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.SplitMix64;

/**
 * Moves from random to serial training: at step {@code s} a fraction
 * {@code min(1, s / (totalSteps - 1))} of the batch is serial (consecutive TRAIN ranks from a
 * cursor that advances {@code batchSize} per step, as in {@link Serial}), the rest uniform random.
 */
public record Annealed(int batchSize, int totalSteps, long seed) implements IndexSchedule {
    public Annealed {
        if (batchSize < 1 || totalSteps < 1) throw new IllegalArgumentException("batch size and total steps must be positive");
    }

    /** Number of serial indices in the batch of {@code step}. */
    public int serialCount(long step) {
        double f = totalSteps <= 1 ? 1.0 : Math.min(1.0, (double) step / (totalSteps - 1));
        return (int) Math.round(f * batchSize);
    }

    @Override public long[] next(IndexedByteSource source, long step) {
        long n = IndexSchedule.trainCount(source);
        int serial = serialCount(step);
        long[] out = new long[batchSize];
        long cursor = Math.floorMod(step % n * batchSize, n);
        for (int i = 0; i < serial; i++) out[i] = source.index(Role.TRAIN, (cursor + i) % n);
        SplitMix64 r = SplitMix64.forKey(seed, 303, step);
        for (int i = serial; i < batchSize; i++) out[i] = source.index(Role.TRAIN, r.nextLong(n));
        return out;
    }
}
