package org.scrollwork.pipeline.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharModel;

/**
 * The language model as a frozen critic of the AUNN's letters. A window is {@code CRITIC_LEFT} letters before a hidden
 * span, the span, and {@code CRITIC_RIGHT} letters after it. Each letter of the window is a distribution over the 24
 * letters: one-hot at visible letters, the AUNN's soft prediction q (softmax of its continuation-byte logits over the
 * 24 letter bytes, see {@link LetterBytes}) at hidden ones. The sequence of distributions is fed to the LM as soft
 * one-hot inputs after the start symbol, and the critic's score is
 * {@code sum_t sum_k r_t[k] ln P_LM(k | r_0 … r_{t-1})}: for hidden letters the expected log-likelihood of the AUNN's
 * letter under the LM given the soft context, for visible letters the log-likelihood of the true letter given the soft
 * context. Its gradient reaches the AUNN through q both as inputs and as targets; the LM's weights are never updated.
 */
public final class LmCritic {
    private final CharLm lm;

    public LmCritic(CharLm lm) { this.lm = lm; }

    /** One window: letters {@code [start, start + length)} of a record. */
    public record Window(PapyrusRecord record, int start, int length) {}

    /**
     * Up to {@code n} windows of one common length around randomly chosen hidden spans (records shorter than the
     * window are skipped; an empty list when there are no hidden spans).
     */
    public static List<Window> sample(List<PapyrusRecord> records, int n, Random rnd) {
        List<PapyrusRecord> owner = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        for (PapyrusRecord r : records) for (int[] s : r.hiddenSpans()) { owner.add(r); spans.add(s); }
        if (spans.isEmpty()) return List.of();
        int[] pick = new int[n];
        int longest = 0;
        for (int i = 0; i < n; i++) {
            pick[i] = rnd.nextInt(spans.size());
            longest = Math.max(longest, spans.get(pick[i])[1] - spans.get(pick[i])[0]);
        }
        int w = DistillOptions.CRITIC_LEFT + longest + DistillOptions.CRITIC_RIGHT;
        List<Window> out = new ArrayList<>();
        for (int p : pick) {
            PapyrusRecord r = owner.get(p);
            if (r.length() < w) continue;
            int start = Math.max(0, Math.min(spans.get(p)[0] - DistillOptions.CRITIC_LEFT, r.length() - w));
            out.add(new Window(r, start, w));
        }
        return out;
    }

    /**
     * The critic's score of a batch (inside or outside a gradient collector): the log-likelihood summed over the
     * {@code scoredLetters} letters that depend on the AUNN (hidden letters and every letter after the first hidden
     * letter of a window; the letters before it are constants), and the number of hidden letters.
     */
    public record Score(NDArray logLikelihood, int hiddenLetters, int scoredLetters) {}

    /**
     * The LM log-likelihood (nats, summed over the letters of the windows that depend on the AUNN) of the windows with the AUNN's soft
     * letters at hidden positions; differentiable into the AUNN's parameters. Arrays belong to {@code sm}.
     *
     * @throws IllegalArgumentException if the windows differ in length or are empty
     */
    public Score score(NDManager sm, AunnModel model, List<Window> windows) {
        if (windows.isEmpty()) throw new IllegalArgumentException("no windows");
        int b = windows.size(), w = windows.get(0).length(), v = CharModel.ALPHABET_SIZE;
        List<Long> hiddenIdx = new ArrayList<>();
        List<Integer> hiddenRow = new ArrayList<>();
        float[] base = new float[b * w * v];
        float[] counted = new float[b * w];
        int nCounted = 0;
        for (int i = 0; i < b; i++) {
            Window win = windows.get(i);
            if (win.length() != w) throw new IllegalArgumentException("windows must have one length");
            boolean seenHidden = false;
            for (int t = 0; t < w; t++) {
                int letter = win.start() + t, row = i * w + t;
                seenHidden |= !win.record().visible(letter);
                if (seenHidden) { counted[row] = 1f; nCounted++; }
                if (win.record().visible(letter)) {
                    base[row * v + org.scrollwork.prior.PapyrusText.letterIndex(win.record().letters().charAt(letter))] = 1f;
                } else {
                    hiddenIdx.add(win.record().continuationIndex(letter));
                    hiddenRow.add(row);
                }
            }
        }
        int m = hiddenIdx.size();
        NDArray r = sm.create(base, new Shape((long) b * w, v));
        if (m > 0) {
            long[] idx = hiddenIdx.stream().mapToLong(Long::longValue).toArray();
            NDArray logits = model.forward(sm, idx, false).logits();
            NDArray sel = sm.create(LetterBytes.selectionMatrix(), new Shape(256, v)).toDevice(logits.getDevice(), false);
            NDArray q = logits.matMul(sel).softmax(1);                       // (m, 24)
            float[] place = new float[b * w * m];
            for (int j = 0; j < m; j++) place[hiddenRow.get(j) * m + j] = 1f;
            NDArray p = sm.create(place, new Shape((long) b * w, m)).toDevice(logits.getDevice(), false);
            r = r.toDevice(logits.getDevice(), false).add(p.matMul(q));
        }
        NDArray seq = r.reshape(b, w, v);                                      // r_t, t = 0 … w-1
        float[] startRow = new float[b * (v + 1)];
        for (int i = 0; i < b; i++) startRow[i * (v + 1) + v] = 1f;
        NDArray start = sm.create(startRow, new Shape(b, 1, v + 1)).toDevice(seq.getDevice(), false);
        NDArray prev = seq.get(":, 0:{}, :", w - 1).concat(sm.zeros(new Shape(b, w - 1, 1)).toDevice(seq.getDevice(), false), 2);
        NDArray input = NDArrays.concat(new ai.djl.ndarray.NDList(start, prev), 1); // (b, w, 25): start, r_0 … r_{w-2}
        NDArray logp = lm.softLogits(sm, input).logSoftmax(-1);
        NDArray weights = sm.create(counted, new Shape(b, w, 1)).toDevice(seq.getDevice(), false);
        return new Score(logp.mul(seq).mul(weights).sum(), m, nCounted);
    }
}
