package org.scrollwork.prior;

import java.util.ArrayList;
import java.util.List;
import org.scrollwork.aunn.model.SplitMix64;

/**
 * The span-masked training examples of a {@link CharTransformer}, as Ithaca trains on them: a window of consecutive
 * letters at a random place in a random text (texts weighted by their number of windows); half the windows are cut
 * short at a random length n of at least 16 and padded; in each, 1 … max(1, n / 20) spans (uniform; 1–6 in a full
 * window of 128) of 1–10 letters (uniform) and about 5 % single letters are masked (about a fifth of the letters in
 * all), and only the masked letters are predicted. (With 1–3 spans and 3 % singles, about 14 % of the window, a step
 * predicted too few letters for its cost.)
 */
final class MaskedWindows {

    static final int MIN_LENGTH = 16, MAX_SPAN = 10, LETTERS_PER_SPAN = 20;
    static final double SHORT = 0.5, SINGLES = 0.05;

    /** One batch: inputs, targets (the letters), weights (1 at masked positions) and keep (1 at non-padding), all (B, W) flat. */
    record Batch(int size, int window, int[] input, int[] target, float[] weight, float[] keep) {
        int masked() {
            int n = 0;
            for (float w : weight) if (w > 0) n++;
            return n;
        }
    }

    private final List<int[]> texts = new ArrayList<>();
    private final long[] cumulative;
    private final long windows;
    private final int window, mask, pad;

    /** @throws IllegalArgumentException if no text has {@code config.window()} letters */
    MaskedWindows(List<String> texts, CharTransformerConfig config) {
        this.window = config.window();
        this.mask = config.maskSymbol();
        this.pad = config.padSymbol();
        long[] cum = new long[texts.size()];
        long total = 0;
        for (String t : texts) {
            if (t.length() < window) continue;
            this.texts.add(CharModel.encode(t));
            total += t.length() - window + 1;
            cum[this.texts.size() - 1] = total;
        }
        if (this.texts.isEmpty()) throw new IllegalArgumentException("no text has " + window + " letters");
        this.cumulative = java.util.Arrays.copyOf(cum, this.texts.size());
        this.windows = total;
    }

    Batch draw(int size, SplitMix64 rnd) {
        int w = window;
        int[] in = new int[size * w], target = new int[size * w];
        float[] weight = new float[size * w], keep = new float[size * w];
        for (int i = 0; i < size; i++) {
            long r = rnd.nextLong(windows);
            int k = 0;
            while (cumulative[k] <= r) k++;
            int pos = (int) (r - (k == 0 ? 0 : cumulative[k - 1]));
            int n = rnd.nextDouble() < SHORT ? MIN_LENGTH + (int) rnd.nextLong(w - MIN_LENGTH + 1) : w;
            int o = i * w;
            System.arraycopy(texts.get(k), pos, target, o, n);
            System.arraycopy(texts.get(k), pos, in, o, n);
            for (int j = 0; j < n; j++) keep[o + j] = 1;
            for (int j = n; j < w; j++) in[o + j] = pad;
            int spans = 1 + (int) rnd.nextLong(Math.max(1, n / LETTERS_PER_SPAN));
            for (int s = 0; s < spans; s++) {
                int len = 1 + (int) rnd.nextLong(MAX_SPAN);
                int at = (int) rnd.nextLong(n - len + 1);
                for (int j = at; j < at + len; j++) weight[o + j] = 1;
            }
            for (int j = 0; j < n; j++) if (rnd.nextDouble() < SINGLES) weight[o + j] = 1;
            for (int j = 0; j < n; j++) if (weight[o + j] > 0) in[o + j] = mask;
        }
        return new Batch(size, w, in, target, weight, keep);
    }
}
