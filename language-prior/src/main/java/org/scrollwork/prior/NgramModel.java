package org.scrollwork.prior;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An interpolated modified Kneser-Ney letter n-gram model (Chen and Goodman 1998) over the 24 papyrus letters.
 *
 * <p>Level k conditions on the last k letters (k = 0 … order-1). The top level counts n-grams; lower levels count
 * continuations (how many distinct letters precede the k+1-gram). Each level subtracts discounts D1, D2, D3+
 * (estimated from that level's count-of-counts) and gives the freed mass to the level below; below level 0 is the
 * uniform distribution, so every distribution sums to exactly 1 and no letter has probability 0. A context shorter
 * than order-1 (the start of a text) starts at the level of its length. N-grams are counted inside each training
 * text, never across two texts. Memory: one 24-int array per distinct context, per level.
 */
public final class NgramModel implements CharModel {

    private static final int V = ALPHABET_SIZE;

    /** The counts of one context: per next letter, and the totals the discounting needs. */
    private static final class Counts {
        final int[] c = new int[V];
        long total;
        int n1, n2, n3;

        void finish() {
            total = 0;
            n1 = n2 = n3 = 0;
            for (int x : c) {
                total += x;
                if (x == 1) n1++;
                else if (x == 2) n2++;
                else if (x >= 3) n3++;
            }
        }
    }

    private final int order;
    private final List<Map<Long, Counts>> levels;
    private final double[][] discounts;   // [level][0..2] = D1, D2, D3+
    private final List<String> texts;

    private NgramModel(int order, List<Map<Long, Counts>> levels, double[][] discounts, List<String> texts) {
        this.order = order;
        this.levels = levels;
        this.discounts = discounts;
        this.texts = texts;
    }

    /**
     * Counts the n-grams of the given texts (letters only).
     *
     * @param order 1 (unigram) … 12
     */
    public static NgramModel train(List<String> texts, int order) {
        if (order < 1 || order > 12) throw new IllegalArgumentException("order must be 1..12, was " + order);
        texts = List.copyOf(texts);
        @SuppressWarnings("unchecked")
        Map<Long, Counts>[] lv = new Map[order];
        for (int k = 0; k < order; k++) lv[k] = new HashMap<>();
        int top = order - 1;
        long topMod = pow(V, top);
        for (String t : texts) {
            int[] s = CharModel.encode(t);
            long key = 0;
            for (int i = 0; i < s.length; i++) {
                if (i >= top) lv[top].computeIfAbsent(key, k -> new Counts()).c[s[i]]++;
                key = top == 0 ? 0 : (key * V + s[i]) % topMod;
            }
        }
        for (int k = top - 1; k >= 0; k--) {
            long mod = pow(V, k);
            for (Map.Entry<Long, Counts> e : lv[k + 1].entrySet()) {
                Counts lower = lv[k].computeIfAbsent(e.getKey() % mod, x -> new Counts());
                int[] c = e.getValue().c;
                for (int w = 0; w < V; w++) if (c[w] > 0) lower.c[w]++;
            }
        }
        double[][] d = new double[order][];
        for (int k = 0; k < order; k++) {
            for (Counts c : lv[k].values()) c.finish();
            d[k] = discounts(lv[k]);
        }
        return new NgramModel(order, List.of(lv), d, texts);
    }

    /** Modified KN discounts from count-of-counts, each clamped to [0, its count]. */
    private static double[] discounts(Map<Long, Counts> level) {
        long[] n = new long[5];
        for (Counts c : level.values()) for (int x : c.c) if (x >= 1 && x <= 4) n[x]++;
        double[] d = {0.5, 1.0, 1.5};
        if (n[1] > 0 && n[2] > 0) {
            double y = n[1] / (n[1] + 2.0 * n[2]);
            d[0] = 1 - 2 * y * n[2] / n[1];
            if (n[3] > 0) d[1] = 2 - 3 * y * n[3] / n[2];
            if (n[3] > 0 && n[4] > 0) d[2] = 3 - 4 * y * n[4] / n[3];
        }
        for (int i = 0; i < 3; i++) d[i] = Math.max(0, Math.min(i + 1, d[i]));
        return d;
    }

    /** Reads a model written by {@link #save}. @throws ModelFileException naming the file if it is unusable */
    public static NgramModel load(java.nio.file.Path file) { return NgramFile.read(file); }

    /** Writes the model (order and training letters) atomically. @throws ModelFileException naming the file */
    public void save(java.nio.file.Path file) { NgramFile.write(file, this); }

    /** The texts the model was counted on (letters only); a saved model keeps them and recounts when loaded. */
    public List<String> texts() { return texts; }

    /** The order n (the model conditions on at most n-1 letters). */
    public int order() { return order; }

    /** The discounts D1, D2, D3+ of level k (context length k). */
    public double[] discounts(int k) { return discounts[k].clone(); }

    /** Probabilities (not logs) of the next letter after the given letter indices. */
    public double[] nextProbs(int[] context, int end) {
        int len = Math.min(end, order - 1);
        double[] p = new double[V];
        Arrays.fill(p, 1.0 / V);
        for (int k = 0; k <= len; k++) {
            long key = 0;
            for (int i = end - k; i < end; i++) key = key * V + context[i];
            Counts c = levels.get(k).get(key);
            if (c == null || c.total == 0) continue;
            double[] d = discounts[k];
            double gamma = (d[0] * c.n1 + d[1] * c.n2 + d[2] * c.n3) / c.total;
            for (int w = 0; w < V; w++) {
                int x = c.c[w];
                double disc = x == 0 ? 0 : x == 1 ? d[0] : x == 2 ? d[1] : d[2];
                p[w] = (x - disc) / c.total + gamma * p[w];
            }
        }
        return p;
    }

    /**
     * The length of the longest context ending at {@code end} that the training letters hold (0 … order − 1): how much of
     * the context the counts speak to (by which the experiments' context mixture weighs the model).
     */
    public int matchedContext(int[] context, int end) {
        int len = Math.min(end, order - 1), matched = 0;
        long key = 0;
        for (int k = 1; k <= len; k++) {
            key += context[end - k] * pow(V, k - 1);
            Counts c = levels.get(k).get(key);
            if (c == null || c.total == 0) break;
            matched = k;
        }
        return matched;
    }

    @Override
    public double[][] nextLogProbs(String left, List<String> suffixes) {
        double[][] out = new double[suffixes.size()][];
        for (int i = 0; i < out.length; i++) {
            int[] s = CharModel.encode(left + suffixes.get(i));
            double[] p = nextProbs(s, s.length);
            for (int w = 0; w < V; w++) p[w] = Math.log(p[w]);
            out[i] = p;
        }
        return out;
    }

    @Override
    public double[][] suffixLetterLogProbs(String left, List<String> suffixes) {
        double[][] out = new double[suffixes.size()][];
        for (int i = 0; i < out.length; i++) {
            int[] s = CharModel.encode(left + suffixes.get(i));
            out[i] = new double[s.length - left.length()];
            for (int j = left.length(); j < s.length; j++) out[i][j - left.length()] = Math.log(nextProbs(s, j)[s[j]]);
        }
        return out;
    }

    @Override
    public String describe() {
        long contexts = levels.stream().mapToLong(Map::size).sum();
        return order + "-gram modified Kneser-Ney, " + contexts + " contexts";
    }

    private static long pow(int b, int e) {
        long r = 1;
        for (int i = 0; i < e; i++) r *= b;
        return r;
    }
}
