package org.scrollwork.pipeline.distill;

import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.PapyrusText;

/**
 * How papyrus letters sit in the corpus's UTF-8 bytes, and how letter distributions map onto byte distributions.
 *
 * <p>Text records are UTF-8 (one byte per index). The 24 capitals U+0391 … U+03A9 are two bytes each: the lead byte is
 * always {@code 0xCE} and the continuation byte {@code 0x80 | (codePoint & 0x3F)} is {@code 0x91} (Α) … {@code 0xA9}
 * (Ω), skipping {@code 0xA2} (the unassigned U+03A2). So a text in papyrus form is a sequence of byte pairs, letter i
 * at bytes {@code 2i} (lead) and {@code 2i + 1} (continuation), and the map letter ↔ continuation byte is a bijection.
 * A next-letter distribution is therefore put on the continuation byte exactly (probability of letter k on byte
 * {@link #continuation(int) continuation(k)}, nothing elsewhere), and the lead byte's distribution is one-hot {@code 0xCE}
 * (a letter follows with certainty; the lead byte says nothing about which). Reading it back, the AUNN's letter
 * distribution at a letter is its continuation-byte distribution restricted to the 24 continuation bytes and
 * renormalized. This keeps the corpus's UTF-8 contract (no second text encoding to maintain) at the cost of one extra,
 * trivially predictable index per letter.
 */
public final class LetterBytes {

    /** The UTF-8 lead byte of every Greek capital. */
    public static final int LEAD = 0xCE;

    private static final int[] CONTINUATION = new int[CharModel.ALPHABET_SIZE];
    private static final int[] LETTER_OF_BYTE = new int[256];

    static {
        java.util.Arrays.fill(LETTER_OF_BYTE, -1);
        for (int k = 0; k < CONTINUATION.length; k++) {
            char c = PapyrusText.ALPHABET.charAt(k);
            if ((0xC0 | (c >> 6)) != LEAD) throw new AssertionError("lead byte of " + c);
            CONTINUATION[k] = 0x80 | (c & 0x3F);
            LETTER_OF_BYTE[CONTINUATION[k]] = k;
        }
    }

    private LetterBytes() {}

    /** The continuation byte of letter k (alphabet index). */
    public static int continuation(int k) { return CONTINUATION[k]; }

    /** The letter (alphabet index) whose continuation byte is {@code b}, or -1. */
    public static int letterOfContinuation(int b) { return LETTER_OF_BYTE[b & 0xFF]; }

    /** A 256-way distribution with the letter probabilities on their continuation bytes. */
    public static void putOnContinuation(float[] letterProbs, float[] dst, int off, float weight) {
        for (int k = 0; k < letterProbs.length; k++) dst[off + CONTINUATION[k]] += weight * letterProbs[k];
    }

    /** The letter distribution (24, sums to 1) in a row of 256 byte logits: softmax over the continuation bytes only. */
    public static double[] letterDistribution(float[] logits, int off) {
        double max = Double.NEGATIVE_INFINITY;
        for (int b : CONTINUATION) max = Math.max(max, logits[off + b]);
        double[] p = new double[CONTINUATION.length];
        double s = 0;
        for (int k = 0; k < p.length; k++) s += p[k] = Math.exp(logits[off + CONTINUATION[k]] - max);
        for (int k = 0; k < p.length; k++) p[k] /= s;
        return p;
    }

    /** A (256, 24) 0/1 matrix, row-major: column k selects byte {@code continuation(k)}; logits x S = letter logits. */
    public static float[] selectionMatrix() {
        float[] s = new float[256 * CONTINUATION.length];
        for (int k = 0; k < CONTINUATION.length; k++) s[CONTINUATION[k] * CONTINUATION.length + k] = 1f;
        return s;
    }
}
