package org.scrollwork.experiments.distill;

import java.util.List;
import org.scrollwork.prior.CharModel;

/**
 * Product of experts of a causal letter model and a position-wise one (the AUNN's letter distribution at each letter of
 * a record): P(k | context) ∝ P_lm(k | context) · P_aunn(k at this position)^weight. The position of a predicted letter is
 * {@code leftStart + left.length() + suffix.length()}, so one instance serves spans whose left context starts at letter
 * {@code leftStart}. {@link #nextLogProbs} rows are normalized; {@link #suffixLetterLogProbs} adds the two log-probabilities
 * without renormalizing each position (log-linear "shallow fusion" scoring, which ranks fillings the same way up to
 * the per-position normalizers).
 */
final class PoeModel implements CharModel {
    private final CharModel lm;
    private final double[][] aunnLog;
    private final int leftStart;
    private final double weight;

    PoeModel(CharModel lm, double[][] aunnLetterProbs, int leftStart, double weight) {
        this.lm = lm;
        this.leftStart = leftStart;
        this.weight = weight;
        this.aunnLog = new double[aunnLetterProbs.length][ALPHABET_SIZE];
        for (int i = 0; i < aunnLetterProbs.length; i++) for (int k = 0; k < ALPHABET_SIZE; k++) aunnLog[i][k] = Math.log(Math.max(aunnLetterProbs[i][k], 1e-12));
    }

    private double[] at(int pos) { return pos < aunnLog.length ? aunnLog[pos] : new double[ALPHABET_SIZE]; }

    @Override
    public double[][] nextLogProbs(String left, List<String> suffixes) {
        double[][] rows = lm.nextLogProbs(left, suffixes);
        for (int i = 0; i < rows.length; i++) {
            double[] a = at(leftStart + left.length() + suffixes.get(i).length());
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < ALPHABET_SIZE; k++) max = Math.max(max, rows[i][k] += weight * a[k]);
            double z = 0;
            for (int k = 0; k < ALPHABET_SIZE; k++) z += Math.exp(rows[i][k] - max);
            double lz = max + Math.log(z);
            for (int k = 0; k < ALPHABET_SIZE; k++) rows[i][k] -= lz;
        }
        return rows;
    }

    @Override
    public double[][] suffixLetterLogProbs(String left, List<String> suffixes) {
        double[][] rows = lm.suffixLetterLogProbs(left, suffixes);
        for (int i = 0; i < rows.length; i++) {
            int[] s = CharModel.encode(suffixes.get(i));
            for (int t = 0; t < s.length; t++) rows[i][t] += weight * at(leftStart + left.length() + t)[s[t]];
        }
        return rows;
    }

    @Override public String describe() { return "PoE(" + lm.describe() + " x AUNN^" + weight + ")"; }
}
