package org.scrollwork.pipeline.letters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.PapyrusText;

/**
 * Reads a letter sequence with a language prior: a product of experts of a character model and a reader.
 * The score of a candidate sequence {@code l_1 … l_n} is
 * <pre>
 *   ln P_lm(l_1 … l_n) + w · Σ_{i read} ln q_i(l_i)
 * </pre>
 * where {@code P_lm} is the character model (each letter given at most {@code contextLetters} letters before it),
 * {@code q_i} the reader's normalized distribution at a read position and {@code w} the reader's weight (1 = plain
 * product of experts). Known positions are fixed to their letter but still scored by the model, so they steer the
 * read ones on both sides. The best sequence is found by a left-to-right beam search ({@code beam} hypotheses kept);
 * with a beam of at least 24^(read positions) the search is exhaustive.
 */
public final class LetterSequenceDecoder {
    private static final double FLOOR = 1e-12;

    private final CharModel model;
    private final int beam;
    private final double readerWeight;
    private final int contextLetters;

    /**
     * @param model          the language prior
     * @param beam           hypotheses kept after each position (>= 1)
     * @param readerWeight   exponent {@code w} of the reader's distributions (>= 0; 0 = the prior alone)
     * @param contextLetters letters of left context given to the model (>= 1); hypotheses that agree on them are merged
     */
    public LetterSequenceDecoder(CharModel model, int beam, double readerWeight, int contextLetters) {
        if (beam < 1) throw new IllegalArgumentException("beam must be >= 1: " + beam);
        if (!(readerWeight >= 0) || Double.isInfinite(readerWeight)) throw new IllegalArgumentException("reader weight must be finite and >= 0: " + readerWeight);
        if (contextLetters < 1) throw new IllegalArgumentException("context must be >= 1 letter: " + contextLetters);
        this.model = model;
        this.beam = beam;
        this.readerWeight = readerWeight;
        this.contextLetters = contextLetters;
    }

    /**
     * The decoded sequence.
     *
     * @param letters  one letter per position of the evidence
     * @param logScore its score (see the class comment)
     * @param changed  read positions whose decoded letter differs from the reader's own best letter (the prior decided them)
     */
    public record Result(String letters, double logScore, int changed) {}

    private record Hyp(String text, double score) {}

    /** The best sequence under the product of experts. */
    public Result decode(List<LetterEvidence> evidence) {
        List<Hyp> hyps = List.of(new Hyp("", 0));
        for (LetterEvidence e : evidence) {
            List<String> contexts = new ArrayList<>(hyps.size());
            for (Hyp h : hyps) contexts.add(tail(h.text));
            double[][] lp = model.nextLogProbs("", contexts);
            List<Hyp> next = new ArrayList<>();
            for (int k = 0; k < hyps.size(); k++) {
                Hyp h = hyps.get(k);
                if (e instanceof LetterEvidence.Known kn) {
                    next.add(new Hyp(h.text + kn.letter(), h.score + lp[k][PapyrusText.letterIndex(kn.letter())]));
                } else {
                    double[] q = normalized(((LetterEvidence.Read) e).probs());
                    for (int l = 0; l < LetterReader.LETTERS; l++) {
                        double s = h.score + lp[k][l] + (readerWeight == 0 ? 0 : readerWeight * Math.log(Math.max(FLOOR, q[l])));
                        next.add(new Hyp(h.text + PapyrusText.ALPHABET.charAt(l), s));
                    }
                }
            }
            hyps = prune(next);
        }
        Hyp best = hyps.get(0);
        int changed = 0;
        for (int i = 0; i < evidence.size(); i++) {
            if (evidence.get(i) instanceof LetterEvidence.Read r && r.best() != best.text.charAt(i)) changed++;
        }
        return new Result(best.text, best.score, changed);
    }

    /** The score of a given sequence (see the class comment). */
    public double score(String letters, List<LetterEvidence> evidence) {
        if (letters.length() != evidence.size()) throw new IllegalArgumentException(letters.length() + " letters for " + evidence.size() + " positions");
        double s = 0;
        for (int i = 0; i < letters.length(); i++) {
            int l = PapyrusText.letterIndex(letters.charAt(i));
            if (l < 0) throw new IllegalArgumentException("not a papyrus letter at " + i + ": '" + letters.charAt(i) + "'");
            s += model.nextLogProbs(tail(letters.substring(0, i)))[l];
            LetterEvidence e = evidence.get(i);
            if (e instanceof LetterEvidence.Known kn) {
                if (kn.letter() != letters.charAt(i)) return Double.NEGATIVE_INFINITY;
            } else if (readerWeight != 0) {
                s += readerWeight * Math.log(Math.max(FLOOR, normalized(((LetterEvidence.Read) e).probs())[l]));
            }
        }
        return s;
    }

    private String tail(String text) { return text.length() <= contextLetters ? text : text.substring(text.length() - contextLetters); }

    /** Best first; hypotheses with the same model context keep only the best (they score the future alike). */
    private List<Hyp> prune(List<Hyp> next) {
        next.sort(Comparator.comparingDouble(Hyp::score).reversed());
        List<Hyp> kept = new ArrayList<>(beam);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Hyp h : next) {
            if (kept.size() == beam) break;
            if (seen.add(tail(h.text))) kept.add(h);
        }
        return kept;
    }

    private static double[] normalized(double[] p) {
        double s = 0;
        for (double x : p) s += x;
        double[] q = new double[p.length];
        for (int l = 0; l < p.length; l++) q[l] = s > 0 ? p[l] / s : 1.0 / p.length;
        return q;
    }
}
