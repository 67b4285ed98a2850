package org.scrollwork.prior;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fills a lacuna — a run of {@code length} unknown letters between a known left and right context — with the most
 * probable letters under a {@link CharModel}, using both sides.
 *
 * <p>Beam search, left to right: each step extends every partial filling by each of the 24 letters, scored by
 * ln P(filling | left), and keeps the best {@code beamWidth}. The complete fillings are then rescored as
 * ln P(filling + right' | left), where right' is the first {@code rightContext} letters of the right context, so
 * the right side decides among the survivors. With {@code beamWidth >= 24} a one-letter lacuna is scored exactly.
 * For longer lacunae the best filling is then refined by a local search over single-letter substitutions scored
 * with both sides, since the left-only beam rarely keeps the true filling of a long span.
 * Cost per lacuna: {@code length} batched next-letter calls of up to {@code beamWidth} prefixes, and one batched
 * scoring of {@code beamWidth} continuations of {@code length + rightContext} letters, then up to 4 x length
 * batched scorings of 23 x length variants.
 */
public final class Restorer {

    /** One filling and its score ln P(filling + right' | left). */
    public record Candidate(String filling, double logProb) {}

    private final CharModel model;
    private final int beamWidth;
    private final int rightContext;

    /**
     * @param beamWidth fillings kept per step, >= 1
     * @param rightContext letters of right context used in the rescoring, >= 0
     */
    public Restorer(CharModel model, int beamWidth, int rightContext) {
        if (beamWidth < 1) throw new IllegalArgumentException("beamWidth must be >= 1");
        if (rightContext < 0) throw new IllegalArgumentException("rightContext must be >= 0");
        this.model = model;
        this.beamWidth = beamWidth;
        this.rightContext = rightContext;
    }

    /**
     * The best fillings of a lacuna, best first (at most {@code min(topK, beamWidth, 24^length)} of them).
     *
     * @param left letters before the lacuna (may be empty)
     * @param length the lacuna's length in letters, >= 1
     * @param right letters after the lacuna (may be empty)
     */
    public List<Candidate> restore(String left, int length, String right, int topK) {
        if (length < 1) throw new IllegalArgumentException("length must be >= 1");
        char[] alphabet = PapyrusText.ALPHABET.toCharArray();
        List<Candidate> beam = List.of(new Candidate("", 0));
        for (int step = 0; step < length; step++) {
            List<String> prefixes = beam.stream().map(Candidate::filling).toList();
            double[][] next = model.nextLogProbs(left, prefixes);
            List<Candidate> grown = new ArrayList<>(beam.size() * alphabet.length);
            for (int i = 0; i < beam.size(); i++) {
                for (int a = 0; a < alphabet.length; a++) {
                    grown.add(new Candidate(beam.get(i).filling() + alphabet[a], beam.get(i).logProb() + next[i][a]));
                }
            }
            grown.sort(Comparator.comparingDouble(Candidate::logProb).reversed());
            beam = grown.subList(0, Math.min(beamWidth, grown.size()));
        }
        String r = right.substring(0, Math.min(rightContext, right.length()));
        List<String> full = beam.stream().map(c -> c.filling() + r).toList();
        double[] scores = model.suffixLogProbs(left, full);
        List<Candidate> out = new ArrayList<>(beam.size());
        for (int i = 0; i < beam.size(); i++) out.add(new Candidate(beam.get(i).filling(), scores[i]));
        out.sort(Comparator.comparingDouble(Candidate::logProb).reversed());
        if (length > 1) {
            Candidate refined = refine(left, out.get(0), r);
            if (refined.logProb() > out.get(0).logProb()) {
                out.removeIf(c -> c.filling().equals(refined.filling()));
                out.add(0, refined);
            }
        }
        return List.copyOf(out.subList(0, Math.min(topK, out.size())));
    }

    /**
     * Local search with both sides: repeatedly applies the single-letter substitution that most improves
     * ln P(filling + right' | left), until none does (at most 4 x length rounds). The left-only beam cannot see
     * the right context; this step lets it change letters the right context contradicts.
     */
    private Candidate refine(String left, Candidate start, String right) {
        char[] alphabet = PapyrusText.ALPHABET.toCharArray();
        Candidate cur = start;
        int len = start.filling().length();
        for (int round = 0; round < 4 * len; round++) {
            List<String> variants = new ArrayList<>(len * (alphabet.length - 1));
            char[] f = cur.filling().toCharArray();
            for (int i = 0; i < len; i++) {
                char keep = f[i];
                for (char a : alphabet) {
                    if (a == keep) continue;
                    f[i] = a;
                    variants.add(new String(f));
                }
                f[i] = keep;
            }
            double[] scores = model.suffixLogProbs(left, variants.stream().map(v -> v + right).toList());
            int bestI = -1;
            double bestS = cur.logProb();
            for (int i = 0; i < scores.length; i++) if (scores[i] > bestS + 1e-9) { bestS = scores[i]; bestI = i; }
            if (bestI < 0) break;
            cur = new Candidate(variants.get(bestI), bestS);
        }
        return cur;
    }

    /**
     * The score the restorer gives one filling: ln P(filling + right' | left), right' being the first
     * {@code rightContext} letters of {@code right}. A returned best filling that scores below the true one is a
     * search error; one that scores above it is a model error.
     */
    public double score(String left, String filling, String right) {
        String r = right.substring(0, Math.min(rightContext, right.length()));
        return model.suffixLogProbs(left, List.of(filling + r))[0];
    }

    /** The single best filling. */
    public String best(String left, int length, String right) { return restore(left, length, right, 1).get(0).filling(); }
}
