package org.scrollwork.prior;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills a lacuna with an {@link InfillModel} by iterative refinement, as masked language models are decoded: a beam
 * of partial fillings, all positions unknown at first; at each step every entry is read by the model, its still
 * unknown position with the most confident distribution (highest top probability) is filled with each of its best
 * letters, and the best {@code beamWidth} partial fillings by the sum of their committed log-probabilities are kept
 * (the same filling reached in another order is kept once, with its better score). The last step keeps
 * {@code max(beamWidth, topK)} complete fillings; each is scored by its pseudo-log-likelihood, the sum over its
 * letters of ln P(letter | both contexts and the filling's other letters), and they are returned best first by it.
 * For a one-letter lacuna that score is the model's distribution itself, and all 24 letters are ranked.
 *
 * <p>Cost per lacuna of length L: L model calls of up to {@code beamWidth} inputs, one of {@code L x max(beamWidth,
 * topK)}.
 */
public final class InfillRestorer implements LacunaRestorer {

    private final InfillModel model;
    private final int beamWidth;

    /** @param beamWidth partial fillings kept per step, >= 1 */
    public InfillRestorer(InfillModel model, int beamWidth) {
        if (beamWidth < 1) throw new IllegalArgumentException("beamWidth must be >= 1");
        this.model = model;
        this.beamWidth = beamWidth;
    }

    private record Partial(String gap, double logProb) {}

    @Override
    public List<Restorer.Candidate> restore(String left, int length, String right, int topK) {
        if (length < 1) throw new IllegalArgumentException("length must be >= 1");
        if (topK < 1) throw new IllegalArgumentException("topK must be >= 1");
        int keepLast = Math.max(beamWidth, topK), alphabet = CharModel.ALPHABET_SIZE;
        List<Partial> beam = List.of(new Partial(String.valueOf(InfillModel.UNKNOWN).repeat(length), 0));
        for (int step = 0; step < length; step++) {
            int keep = step == length - 1 ? keepLast : beamWidth;
            List<double[][]> lps = model.gapLogProbs(left, beam.stream().map(Partial::gap).toList(), right);
            Map<String, Double> grown = new LinkedHashMap<>();
            for (int i = 0; i < beam.size(); i++) {
                String gap = beam.get(i).gap();
                double[][] lp = lps.get(i);
                int pos = mostConfident(gap, lp);
                Integer[] order = new Integer[alphabet];
                for (int a = 0; a < alphabet; a++) order[a] = a;
                java.util.Arrays.sort(order, (x, y) -> Double.compare(lp[pos][y], lp[pos][x]));
                char[] g = gap.toCharArray();
                for (int j = 0; j < Math.min(keep, alphabet); j++) {
                    g[pos] = PapyrusText.ALPHABET.charAt(order[j]);
                    grown.merge(new String(g), beam.get(i).logProb() + lp[pos][order[j]], Math::max);
                }
            }
            List<Partial> next = new ArrayList<>(grown.size());
            grown.forEach((k, v) -> next.add(new Partial(k, v)));
            next.sort(Comparator.comparingDouble(Partial::logProb).reversed());
            beam = next.subList(0, Math.min(keep, next.size()));
        }
        List<String> fillings = beam.stream().map(Partial::gap).toList();
        double[] pll = pseudoLogLikelihoods(left, fillings, right);
        List<Restorer.Candidate> out = new ArrayList<>(fillings.size());
        for (int i = 0; i < fillings.size(); i++) out.add(new Restorer.Candidate(fillings.get(i), pll[i]));
        out.sort(Comparator.comparingDouble(Restorer.Candidate::logProb).reversed());
        return List.copyOf(out.subList(0, Math.min(topK, out.size())));
    }

    /** The pseudo-log-likelihood of a filling: the score of {@link #restore}'s candidates. */
    @Override
    public double score(String left, String filling, String right) {
        return pseudoLogLikelihoods(left, List.of(filling), right)[0];
    }

    /** Per filling, the sum over its letters of ln P(letter | everything else visible), in one batched model call. */
    private double[] pseudoLogLikelihoods(String left, List<String> fillings, String right) {
        int len = fillings.get(0).length();
        List<String> masked = new ArrayList<>(fillings.size() * len);
        for (String f : fillings) {
            for (int p = 0; p < len; p++) masked.add(f.substring(0, p) + InfillModel.UNKNOWN + f.substring(p + 1));
        }
        List<double[][]> lps = model.gapLogProbs(left, masked, right);
        double[] out = new double[fillings.size()];
        for (int i = 0; i < fillings.size(); i++) {
            String f = fillings.get(i);
            for (int p = 0; p < len; p++) out[i] += lps.get(i * len + p)[p][PapyrusText.letterIndex(f.charAt(p))];
        }
        return out;
    }

    /** The unknown position whose distribution puts the most probability on one letter. */
    private static int mostConfident(String gap, double[][] lp) {
        int best = -1;
        double bestTop = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < gap.length(); p++) {
            if (gap.charAt(p) != InfillModel.UNKNOWN) continue;
            double top = Double.NEGATIVE_INFINITY;
            for (double x : lp[p]) top = Math.max(top, x);
            if (top > bestTop) { bestTop = top; best = p; }
        }
        return best;
    }
}
