package org.scrollwork.aunn.eval;

import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.train.AunnTrainer;

import java.util.Arrays;

/**
 * Dynamic evaluation: walks a range chunk by chunk in index order; each chunk is first scored with
 * the current weights, then learned with {@code stepsPerChunk} gradient steps at learning rate
 * {@code lr}. The static score (the whole range before any update) is reported alongside.
 * Changes the trainer's model: run it on a copy (e.g. a model loaded from a snapshot) when the
 * original must stay as it was.
 */
public final class DynamicEvaluation {
    private DynamicEvaluation() {}

    /** Static and dynamic bits per byte over the same range. */
    public record Report(double staticBitsPerByte, double dynamicBitsPerByte, int chunks) {}

    public static Report run(AunnTrainer trainer, IndexedByteSource source, long[] indices, int chunkSize, int stepsPerChunk, double lr) {
        if (chunkSize < 1 || stepsPerChunk < 0) throw new IllegalArgumentException("chunk size must be positive and steps >= 0");
        double stat = Evaluator.bitsPerByte(trainer.model(), source, indices, 4096);
        double sum = 0;
        int chunks = 0;
        for (int from = 0; from < indices.length; from += chunkSize) {
            long[] chunk = Arrays.copyOfRange(indices, from, Math.min(indices.length, from + chunkSize));
            sum += Evaluator.sumBits(trainer.model(), source, chunk, 4096);
            int[] bytes = new int[chunk.length];
            source.bytesAt(chunk, bytes);
            for (int s = 0; s < stepsPerChunk; s++) trainer.step(chunk, bytes, lr);
            chunks++;
        }
        return new Report(stat, sum / indices.length, chunks);
    }
}
