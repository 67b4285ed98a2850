package org.scrollwork.prior;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fills a lacuna — a run of {@code length} unknown letters between a known left and right context — with the most
 * probable letters under a {@link CharModel}, using both sides.
 *
 * <p>Candidates come from two beam searches. The forward beam ({@code beamWidth} wide) extends fillings left to
 * right, scored by ln P(filling | left). The backward beam (half as wide) grows fillings right to left, from their
 * last letter, scored by ln P(filling + the next {@value #BACKWARD_RIGHT} letters) read from no context: it keeps
 * fillings that lead well into the right context, which the forward beam cannot see and prunes
 * (with a forward beam only, 8 % of 1-10-letter spans of the test books came back worse, by the model's own score,
 * than the truth). The union is scored exactly, ln P(filling + right' | left) with right' the first
 * {@code rightContext} letters of the right context, and for lacunae longer than one letter
 * the best {@value #REFINE_STARTS} are refined by a local search over single-letter substitutions scored with both
 * sides. With {@code beamWidth >= 24} a one-letter lacuna is scored exactly.
 *
 * <p>Cost per lacuna: {@code length} batched next-letter calls of up to {@code beamWidth} prefixes; {@code length}
 * batched scorings of up to 12 x {@code beamWidth} strings of up to {@code length + 8} letters; one scoring
 * of up to 1.5 x {@code beamWidth} continuations; then up to {@value #REFINE_STARTS} x 4 x length batched scorings of
 * 23 x length variants.
 */
public final class Restorer implements LacunaRestorer {

    /** Candidates the local search starts from. */
    static final int REFINE_STARTS = 3;
    /** Letters of right context the backward beam reads (the final scoring reads {@code rightContext}). */
    static final int BACKWARD_RIGHT = 8;

    /** One filling and its score ln P(filling + right' | left). */
    public record Candidate(String filling, double logProb) {}

    private final CharModel model;
    private final int beamWidth;
    private final int rightContext;

    /**
     * @param beamWidth fillings kept per step in each direction, >= 1
     * @param rightContext letters of right context used in the scoring, >= 0
     */
    public Restorer(CharModel model, int beamWidth, int rightContext) {
        if (beamWidth < 1) throw new IllegalArgumentException("beamWidth must be >= 1");
        if (rightContext < 0) throw new IllegalArgumentException("rightContext must be >= 0");
        this.model = model;
        this.beamWidth = beamWidth;
        this.rightContext = rightContext;
    }

    /**
     * The best fillings of a lacuna, best first (at most {@code topK}, and at most the number of distinct candidates
     * the searches found: up to 2 x beamWidth plus the refined ones).
     *
     * @param left letters before the lacuna (may be empty)
     * @param length the lacuna's length in letters, >= 1
     * @param right letters after the lacuna (may be empty)
     */
    @Override
    public List<Candidate> restore(String left, int length, String right, int topK) {
        if (length < 1) throw new IllegalArgumentException("length must be >= 1");
        String r = right.substring(0, Math.min(rightContext, right.length()));
        java.util.LinkedHashSet<String> pool = new java.util.LinkedHashSet<>(forwardBeam(left, length));
        // the forward beam is exhaustive when it keeps all 24^length fillings
        if (!r.isEmpty() && Math.pow(PapyrusText.ALPHABET.length(), length) > beamWidth)
            pool.addAll(backwardBeam(length, r.substring(0, Math.min(BACKWARD_RIGHT, r.length()))));
        List<String> fillings = List.copyOf(pool);
        double[] scores = model.suffixLogProbs(left, fillings.stream().map(f -> f + r).toList());
        List<Candidate> out = new ArrayList<>(fillings.size());
        for (int i = 0; i < fillings.size(); i++) out.add(new Candidate(fillings.get(i), scores[i]));
        out.sort(Comparator.comparingDouble(Candidate::logProb).reversed());
        if (length > 1) {
            List<Candidate> refined = new ArrayList<>();
            for (Candidate c : out.subList(0, Math.min(REFINE_STARTS, out.size()))) refined.add(refine(left, c, r));
            for (Candidate c : refined) {
                if (out.stream().noneMatch(o -> o.filling().equals(c.filling()))) out.add(c);
            }
            out.sort(Comparator.comparingDouble(Candidate::logProb).reversed());
        }
        return List.copyOf(out.subList(0, Math.min(topK, out.size())));
    }

    /** Left to right: the {@code beamWidth} best fillings by ln P(filling | left). */
    private List<String> forwardBeam(String left, int length) {
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
        return beam.stream().map(Candidate::filling).toList();
    }

    /**
     * Right to left: the best fillings by ln P(filling + right), read from no context, keeping half as many per step as
     * the forward beam (at least one): each step scores 24 x that many strings from scratch, which for a GRU costs
     * far more than extending the forward beam from the encoded left context.
     */
    private List<String> backwardBeam(int length, String right) {
        char[] alphabet = PapyrusText.ALPHABET.toCharArray();
        int width = Math.max(1, beamWidth / 2);
        List<String> beam = List.of("");
        for (int step = 0; step < length; step++) {
            List<String> grown = new ArrayList<>(beam.size() * alphabet.length);
            for (String s : beam) for (char a : alphabet) grown.add(a + s);
            double[] scores = model.suffixLogProbs("", grown.stream().map(g -> g + right).toList());
            Integer[] order = new Integer[grown.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            java.util.Arrays.sort(order, (x, y) -> Double.compare(scores[y], scores[x]));
            List<String> next = new ArrayList<>(Math.min(width, order.length));
            for (int i = 0; i < Math.min(width, order.length); i++) next.add(grown.get(order[i]));
            beam = next;
        }
        return beam;
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
    @Override
    public double score(String left, String filling, String right) {
        String r = right.substring(0, Math.min(rightContext, right.length()));
        return model.suffixLogProbs(left, List.of(filling + r))[0];
    }

}
