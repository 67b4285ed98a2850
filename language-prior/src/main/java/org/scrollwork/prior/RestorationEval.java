package org.scrollwork.prior;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Restoration metrics on held-out text: a seeded sample of lacunae, single-letter top-k accuracy and the character
 * error rate of span restorations.
 */
public final class RestorationEval {

    /** A masked span with its context: {@code left + truth + right} is a stretch of real text. */
    public record Lacuna(String left, String truth, String right) {}

    /**
     * A lacuna and where it lies: the masked span starts at letter {@code at} of text number {@code text} of the
     * sampled texts.
     */
    public record Placed(Lacuna lacuna, int text, int at) {

        /**
         * What a reader of the whole document sees around this lacuna: the document's letters before the masked
         * span and after it, as two pieces (so that no n-gram is counted across the gap).
         */
        public List<String> visible(List<String> texts) {
            String t = texts.get(text);
            return List.of(t.substring(0, at), t.substring(at + lacuna.truth().length()));
        }
    }

    /**
     * Span restoration: the character error rate of the best fillings, and the share of lacunae whose true filling
     * the restorer itself scores higher than the filling it returned (search errors, as opposed to model errors), and
     * the share of lacunae whose whole true filling is the best one (top1) or among the 20 best (top20).
     */
    public record Spans(int count, double cer, double searchErrors, double top1, double top20) {}

    /** Single-letter accuracy: the share of lacunae whose true letter is ranked first, within 10, within 20. */
    public record TopK(int count, double top1, double top10, double top20) {}

    private RestorationEval() {}

    /**
     * Samples lacunae of a length drawn uniformly from {@code minLength … maxLength}, each with {@code context}
     * letters on both sides, from texts long enough (a text is picked with probability proportional to its
     * number of possible positions). Deterministic for a seed.
     */
    public static List<Lacuna> sample(List<String> texts, int count, int minLength, int maxLength, int context, long seed) {
        return samplePlaced(texts, count, minLength, maxLength, context, seed).stream().map(Placed::lacuna).toList();
    }

    /** {@link #sample}, each lacuna with where it lies (the same lacunae for the same arguments). */
    public static List<Placed> samplePlaced(List<String> texts, int count, int minLength, int maxLength, int context, long seed) {
        if (minLength < 1 || maxLength < minLength) throw new IllegalArgumentException("need 1 <= minLength <= maxLength");
        Random rnd = new Random(seed);
        int span = 2 * context + maxLength;
        long[] cumulative = new long[texts.size()];
        long total = 0;
        for (int i = 0; i < texts.size(); i++) {
            total += Math.max(0, texts.get(i).length() - span + 1);
            cumulative[i] = total;
        }
        if (total == 0) throw new IllegalArgumentException("no text has " + span + " letters");
        List<Placed> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            long r = (long) (rnd.nextDouble() * total);
            int k = 0;
            while (cumulative[k] <= r) k++;
            int pos = (int) (r - (k == 0 ? 0 : cumulative[k - 1]));
            int len = minLength + rnd.nextInt(maxLength - minLength + 1);
            String t = texts.get(k);
            int at = pos + context;
            out.add(new Placed(new Lacuna(t.substring(pos, at), t.substring(at, at + len), t.substring(at + len, at + len + context)), k, at));
        }
        return out;
    }

    /** Top-1/10/20 accuracy for one-letter lacunae (longer ones are rejected). */
    public static TopK singleLetter(LacunaRestorer restorer, List<Lacuna> lacunae) {
        return singleLetter(lacunae, x -> x, x -> restorer);
    }

    /** {@link #singleLetter(LacunaRestorer, List)} with a restorer of its own for each lacuna (a document cache, say). */
    public static <T> TopK singleLetter(List<T> items, Function<T, Lacuna> lacuna, Function<T, ? extends LacunaRestorer> restorerFor) {
        int c1 = 0, c10 = 0, c20 = 0;
        for (T item : items) {
            Lacuna l = lacuna.apply(item);
            LacunaRestorer restorer = restorerFor.apply(item);
            if (l.truth().length() != 1) throw new IllegalArgumentException("single-letter lacunae only");
            List<Restorer.Candidate> ranked = restorer.restore(l.left(), 1, l.right(), 20);
            int rank = -1;
            for (int i = 0; i < ranked.size(); i++) if (ranked.get(i).filling().equals(l.truth())) rank = i;
            if (rank == 0) c1++;
            if (rank >= 0 && rank < 10) c10++;
            if (rank >= 0) c20++;
        }
        double n = items.size();
        return new TopK(items.size(), c1 / n, c10 / n, c20 / n);
    }

    /** Character error rate: total edit distance of the best fillings to the truths over the total truth length. */
    public static double characterErrorRate(LacunaRestorer restorer, List<Lacuna> lacunae) {
        long dist = 0, len = 0;
        for (Lacuna l : lacunae) {
            dist += editDistance(restorer.best(l.left(), l.truth().length(), l.right()), l.truth());
            len += l.truth().length();
        }
        return (double) dist / len;
    }

    /** CER of the best fillings (as {@link #characterErrorRate}) and the share of search errors. */
    public static Spans spans(LacunaRestorer restorer, List<Lacuna> lacunae) {
        return spans(lacunae, x -> x, x -> restorer);
    }

    /** {@link #spans(LacunaRestorer, List)} with a restorer of its own for each lacuna (a document cache, say). */
    public static <T> Spans spans(List<T> items, Function<T, Lacuna> lacuna, Function<T, ? extends LacunaRestorer> restorerFor) {
        long dist = 0, len = 0;
        int searchErrors = 0, top1 = 0, top20 = 0;
        for (T item : items) {
            Lacuna l = lacuna.apply(item);
            LacunaRestorer restorer = restorerFor.apply(item);
            List<Restorer.Candidate> ranked = restorer.restore(l.left(), l.truth().length(), l.right(), 20);
            Restorer.Candidate best = ranked.get(0);
            dist += editDistance(best.filling(), l.truth());
            len += l.truth().length();
            if (best.filling().equals(l.truth())) top1++;
            if (ranked.stream().anyMatch(c -> c.filling().equals(l.truth()))) top20++;
            if (!best.filling().equals(l.truth()) && restorer.score(l.left(), l.truth(), l.right()) > best.logProb() + 1e-9) searchErrors++;
        }
        double n = items.size();
        return new Spans(items.size(), (double) dist / len, searchErrors / n, top1 / n, top20 / n);
    }

    /** Levenshtein distance (insertions, deletions, substitutions each cost 1; per UTF-16 char): Commons Text's. */
    public static int editDistance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a, b);
    }
}
