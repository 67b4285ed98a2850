package org.scrollwork.aunn.sample;

import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.eval.Sampler;
import org.scrollwork.aunn.model.SplitMix64;
import org.scrollwork.aunn.train.AunnTrainer;

import java.util.Arrays;

/**
 * Conditional generation the AUNN way: the prompt is "appended" at indices
 * {@code [start, start + prompt.length)} and learned for {@code promptSteps} steps (the whole
 * prompt each step); then, repeatedly, the next index is predicted, a byte is sampled
 * (temperature, top-k, seeded), and the sampled (index, byte) pair is learned for
 * {@code stepsPerSample} steps, together with up to {@code replay} earlier pairs drawn at random
 * (0 = only the new pair). Changes the trainer's model: the conditioned weights are the state,
 * which can be saved with a snapshot and reused.
 */
public final class Generator {
    private Generator() {}

    /**
     * @param promptSteps    gradient steps on the whole prompt before sampling
     * @param stepsPerSample gradient steps after each sampled byte
     * @param lr             learning rate of conditioning steps
     * @param temperature    0 = argmax
     * @param topK           1..256
     * @param replay         earlier pairs mixed into each post-sample step
     * @param seed           seeds sampling and replay draws
     */
    public record Options(int promptSteps, int stepsPerSample, double lr, double temperature, int topK, int replay, long seed) {
        public Options {
            if (promptSteps < 0 || stepsPerSample < 0 || replay < 0) throw new IllegalArgumentException("step and replay counts must be >= 0");
            if (!(lr > 0)) throw new IllegalArgumentException("lr must be positive: " + lr);
            if (temperature < 0 || topK < 1 || topK > 256) throw new IllegalArgumentException("temperature >= 0 and topK in 1..256 required");
        }
    }

    /**
     * Generates {@code count} bytes following the prompt.
     *
     * @throws IllegalArgumentException if the prompt is empty or the indices leave the index space
     */
    public static int[] generate(AunnTrainer trainer, byte[] prompt, long start, int count, Options o) {
        int bits = trainer.model().config().indexBits();
        if (prompt.length == 0) throw new IllegalArgumentException("empty prompt");
        if (start < 0 || bits < 63 && start + prompt.length + count > (1L << bits)) throw new IllegalArgumentException("prompt and continuation leave the 2^" + bits + " index space");
        int total = prompt.length + count;
        long[] idx = new long[total];
        int[] bytes = new int[total];
        for (int i = 0; i < total; i++) idx[i] = start + i;
        for (int i = 0; i < prompt.length; i++) bytes[i] = prompt[i] & 0xFF;
        long[] pIdx = Arrays.copyOf(idx, prompt.length);
        int[] pBytes = Arrays.copyOf(bytes, prompt.length);
        for (int s = 0; s < o.promptSteps(); s++) trainer.step(pIdx, pBytes, o.lr());
        SplitMix64 rng = new SplitMix64(o.seed());
        int[] out = new int[count];
        for (int g = 0; g < count; g++) {
            int pos = prompt.length + g;
            float[] logits = Predictor.logits(trainer.model(), new long[] {idx[pos]}, 1);
            int b = Sampler.sample(logits, 0, o.temperature(), o.topK(), rng);
            bytes[pos] = b;
            out[g] = b;
            int r = Math.min(o.replay(), pos);
            long[] bi = new long[1 + r];
            int[] bb = new int[1 + r];
            bi[0] = idx[pos];
            bb[0] = b;
            for (int k = 1; k <= r; k++) {
                int j = (int) rng.nextLong(pos);
                bi[k] = idx[j];
                bb[k] = bytes[j];
            }
            for (int s = 0; s < o.stepsPerSample(); s++) trainer.step(bi, bb, o.lr());
        }
        return out;
    }
}
