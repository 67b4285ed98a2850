package org.scrollwork.aunn.train;

import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.SplitMix64;

/**
 * Random minibatches drawn without replacement: the TRAIN indices are visited in epochs, each epoch in a fresh seeded
 * random order ({@link RandomPermutation}, no table), {@code batchSize} at a time, so every trained byte is seen
 * equally often. Drawn with replacement ({@link UniformRandom}) a byte's share of the steps varies by about
 * 1/√(epochs), which a model fitting noisy voxels learns as noise. Counter-based: step {@code s} takes positions
 * {@code s·batchSize … (s+1)·batchSize − 1} of the endless sequence of epochs, so a resumed run draws the same
 * batches. A batch that spans the end of an epoch takes the first indices of the next.
 */
public record ShuffledEpochs(int batchSize, long seed) implements IndexSchedule {
    public ShuffledEpochs {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }

    @Override public long[] next(IndexedByteSource source, long step) {
        long n = IndexSchedule.trainCount(source);
        long first = Math.multiplyExact(step, (long) batchSize);
        long[] out = new long[batchSize];
        long epoch = first / n;
        long offset = first % n;
        RandomPermutation order = epochOrder(n, epoch);
        for (int i = 0; i < batchSize; i++) {
            if (offset == n) {
                epoch++;
                offset = 0;
                order = epochOrder(n, epoch);
            }
            out[i] = source.index(Role.TRAIN, order.apply(offset++));
        }
        return out;
    }

    private RandomPermutation epochOrder(long n, long epoch) {
        return new RandomPermutation(n, SplitMix64.forKey(seed, 103, epoch).nextLong());
    }
}
