package org.scrollwork.prior;

/**
 * What a {@link CharLm} says about every position of a text: row i of {@code nextLetterProbs} is the distribution
 * P(letter i | letters 0 … i-1) over the alphabet (row 0: after the start symbol only), and row i of {@code hidden}
 * is the last GRU layer's state from which that distribution was computed. Both have one row per letter of the text;
 * these are the soft targets and embeddings for distillation.
 *
 * @param nextLetterProbs [letters][alphabet size], rows sum to 1
 * @param hidden [letters][hidden size]
 */
public record TextEncoding(float[][] nextLetterProbs, float[][] hidden) {

    public TextEncoding {
        if (nextLetterProbs.length != hidden.length) throw new IllegalArgumentException("one hidden row per position");
    }

    /** Number of positions (letters of the encoded text). */
    public int length() { return hidden.length; }
}
