package org.scrollwork.pipeline.letters;

import org.apache.commons.text.similarity.LevenshteinDistance;

/** Character error rate: Levenshtein distance (substitutions, insertions, deletions each cost 1) over the reference length. */
public final class CharacterErrorRate {
    private CharacterErrorRate() {}

    /** Edit distance between two strings: Commons Text's Levenshtein distance, as the language prior's, so letters and lacunae are scored alike. */
    public static int distance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a, b);
    }

    /** {@code distance(reference, read) / reference.length()}. @throws IllegalArgumentException for an empty reference */
    public static double of(String reference, String read) {
        if (reference.isEmpty()) throw new IllegalArgumentException("empty reference text");
        return distance(reference, read) / (double) reference.length();
    }
}
