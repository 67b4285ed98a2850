package org.scrollwork.aunn.train;

import org.scrollwork.aunn.data.IndexedByteSource;

/** Minibatch persistency: each batch of {@code inner} is trained for {@code stepsPerBatch} consecutive steps. */
public record Persistent(IndexSchedule inner, int stepsPerBatch) implements IndexSchedule {
    public Persistent {
        if (inner == null || stepsPerBatch < 1) throw new IllegalArgumentException("need an inner schedule and stepsPerBatch >= 1");
    }

    @Override public long[] next(IndexedByteSource source, long step) {
        return inner.next(source, step / stepsPerBatch);
    }

    @Override public void observe(long[] indices, float[] lossBits) { inner.observe(indices, lossBits); }
}
