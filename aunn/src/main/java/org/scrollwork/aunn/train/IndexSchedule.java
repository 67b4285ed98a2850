package org.scrollwork.aunn.train;

import org.scrollwork.aunn.data.IndexedByteSource;

/**
 * Chooses the indices of each training batch. Every index returned has role
 * {@link org.scrollwork.aunn.data.Role#TRAIN}: implementations draw ranks {@code k} and map them
 * with {@code source.index(Role.TRAIN, k)}. Schedules are counter-based: the batch of step
 * {@code s} depends only on the seed, {@code s} and (for {@link LossPrioritized}) the losses
 * observed so far, so a resumed run draws the same batches.
 */
public interface IndexSchedule {

    /**
     * The batch for training step {@code step}.
     *
     * @throws IllegalStateException if the source has no TRAIN indices
     */
    long[] next(IndexedByteSource source, long step);

    /** Feedback after a step: per-example losses (bits) of the batch just trained. Default: ignored. */
    default void observe(long[] indices, float[] lossBits) {}

    /** Number of TRAIN indices, failing clearly when there are none. */
    static long trainCount(IndexedByteSource source) {
        long n = source.count(org.scrollwork.aunn.data.Role.TRAIN);
        if (n <= 0) throw new IllegalStateException("the source has no TRAIN indices: " + source.fingerprint());
        return n;
    }
}
