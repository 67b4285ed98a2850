package org.scrollwork.aunn.train;

import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;

/**
 * Dynamic-evaluation-style training: walks the TRAIN ranks in index order in chunks of
 * {@code batchSize}, and trains each chunk for {@code stepsPerChunk} consecutive steps before moving on
 * (as dynamic evaluation learns each chunk after scoring it), wrapping at the end. Step {@code s}
 * trains chunk {@code s / stepsPerChunk}. With {@code stepsPerChunk = 1} it is {@link Serial}.
 */
public record ChunkedSerial(int batchSize, int stepsPerChunk) implements IndexSchedule {
    public ChunkedSerial {
        if (batchSize < 1 || stepsPerChunk < 1) throw new IllegalArgumentException("batch size and steps per chunk must be positive: " + batchSize + ", " + stepsPerChunk);
    }

    @Override public long[] next(IndexedByteSource source, long step) {
        return new Serial(batchSize).next(source, step / stepsPerChunk);
    }
}
