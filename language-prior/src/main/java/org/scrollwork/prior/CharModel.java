package org.scrollwork.prior;

import java.util.List;

/**
 * A causal model of papyrus letters: the probability of the next letter (one of the 24 in
 * {@link PapyrusText#ALPHABET}) given the letters before it. Contexts are strings of those capitals only; a context
 * is "what is visible", so the empty context means no letters seen, not necessarily the start of a book.
 *
 * <p>The shared-prefix form ({@code left} plus a list of suffixes) lets a model encode the left context once and
 * score many continuations in one batch; the {@link Restorer} relies on it.
 */
public interface CharModel {

    /** Number of letters a model predicts over. */
    int ALPHABET_SIZE = PapyrusText.ALPHABET.length();

    /**
     * Natural-log probabilities of the next letter after {@code left + suffixes.get(i)}, for every suffix: row i
     * holds {@link #ALPHABET_SIZE} values whose exponentials sum to 1 (up to rounding).
     *
     * @throws IllegalArgumentException if a string holds a character outside the alphabet
     */
    double[][] nextLogProbs(String left, List<String> suffixes);

    /**
     * Natural-log probability of each suffix given {@code left}: the sum over the suffix's letters of
     * ln P(letter | left + the suffix's letters before it). An empty suffix scores 0.
     */
    default double[] suffixLogProbs(String left, List<String> suffixes) {
        double[][] per = suffixLetterLogProbs(left, suffixes);
        double[] out = new double[per.length];
        for (int i = 0; i < per.length; i++) for (double x : per[i]) out[i] += x;
        return out;
    }

    /**
     * Per letter: row i, entry j is ln P(suffix_i[j] | left + suffix_i[0 … j-1]); row i has the suffix's length.
     */
    double[][] suffixLetterLogProbs(String left, List<String> suffixes);

    /** Natural-log probabilities of the letter following {@code context}. */
    default double[] nextLogProbs(String context) { return nextLogProbs(context, List.of("")) [0]; }

    /** ln P(letter j | letters 0 … j-1) for every letter of {@code text} (the first from no context). */
    default double[] textLetterLogProbs(String text) { return suffixLetterLogProbs("", List.of(text))[0]; }

    /** ln P(text) with every letter predicted from the letters before it in {@code text} (the first from none). */
    default double textLogProb(String text) {
        double s = 0;
        for (double x : textLetterLogProbs(text)) s += x;
        return s;
    }

    /** Mean bits per letter over some texts, each scored from its own start with {@link #textLogProb}. */
    default double bitsPerChar(List<String> texts) {
        double ln = 0;
        long n = 0;
        for (String t : texts) {
            ln += textLogProb(t);
            n += t.length();
        }
        if (n == 0) throw new IllegalArgumentException("no letters to score");
        return -ln / Math.log(2) / n;
    }

    /** A short human-readable description (type and size), for reports. */
    String describe();

    /** The alphabet index of every character of {@code s}. */
    static int[] encode(String s) {
        int[] out = new int[s.length()];
        for (int i = 0; i < out.length; i++) {
            int k = PapyrusText.letterIndex(s.charAt(i));
            if (k < 0) throw new IllegalArgumentException("not a papyrus letter at " + i + ": '" + s.charAt(i) + "'");
            out[i] = k;
        }
        return out;
    }
}
