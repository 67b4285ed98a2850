package org.scrollwork.aunn.snapshot;

import org.scrollwork.aunn.model.AunnConfig;

import java.util.List;

/**
 * The JSON header of a snapshot file (see {@code SNAPSHOT.md}).
 *
 * @param formatVersion     {@link Snapshot#FORMAT_VERSION}
 * @param config            the model and training config
 * @param step              training steps taken; with {@code config.seed()} this is the whole RNG state
 * @param optimizerUpdates  AdamW's update count (bias correction)
 * @param sourceFingerprint {@code IndexedByteSource.fingerprint()} of the training data
 * @param tensors           the float32 arrays that follow the header, in order
 */
public record SnapshotHeader(int formatVersion, AunnConfig config, long step, long optimizerUpdates, String sourceFingerprint,
                             List<Tensor> tensors) {

    /**
     * One array: {@code group} is {@code param}, {@code adam_m} or {@code adam_v}; {@code offset}
     * counts float32 values from the start of the data section.
     */
    public record Tensor(String group, String name, long[] shape, long offset, long length) {}
}
