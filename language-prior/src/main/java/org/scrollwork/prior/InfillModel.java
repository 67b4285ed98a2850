package org.scrollwork.prior;

import java.util.List;

/**
 * A model of the letters inside a lacuna given both sides: for every position of a gap of known length, the
 * distribution over the 24 letters of {@link PapyrusText#ALPHABET}, given the visible letters left and right of it
 * and any letters of the gap already filled in (a search commits letters one at a time).
 *
 * <p>A gap is written as a string of its length: a letter where the position is filled, {@link #UNKNOWN} where it is
 * not. Contexts are strings of the 24 capitals only.
 */
public interface InfillModel {

    /** The character that marks an unknown position of a gap. */
    char UNKNOWN = '.';

    /**
     * For each gap of {@code gaps} (all of one length, >= 1), one row per gap position: natural-log probabilities of
     * the 24 letters. At an unknown position the row is the model's prediction (exponentials summing to 1); at a
     * filled position it is 0 for the given letter and -infinity for the others.
     *
     * @throws IllegalArgumentException if a string holds a character outside the alphabet (gaps: or {@link #UNKNOWN}),
     *     the gaps differ in length, or a gap is longer than the model can read
     */
    List<double[][]> gapLogProbs(String left, List<String> gaps, String right);

    /** {@link #gapLogProbs(String, List, String)} for one gap. */
    default double[][] gapLogProbs(String left, String gap, String right) { return gapLogProbs(left, List.of(gap), right).get(0); }

    /** Per position of a wholly unknown gap of {@code length} letters: ln P over the 24 letters. */
    default double[][] gapLogProbs(String left, int length, String right) {
        return gapLogProbs(left, String.valueOf(UNKNOWN).repeat(length), right);
    }

    /** The longest gap the model reads. */
    int maxGap();

    /** A short human-readable description (type and size), for reports. */
    String describe();
}
