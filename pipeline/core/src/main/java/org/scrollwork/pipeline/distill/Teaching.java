package org.scrollwork.pipeline.distill;

/**
 * What a teacher says about every letter of one {@link PapyrusRecord}: the next-letter distribution at each letter
 * (given the letters before it, as the teacher saw them) and optionally a hidden-state embedding per letter.
 *
 * @param letterProbs [letters][24], rows sum to 1
 * @param hidden      [letters][embedding size], or null when the teacher gives no embeddings
 * @param context     the letters the teacher conditioned on: the record's visible letters, with its own fillings at
 *                    hidden letters (never the hidden letters themselves)
 */
public record Teaching(float[][] letterProbs, float[][] hidden, String context) {
    public Teaching {
        if (hidden != null && hidden.length != letterProbs.length) throw new IllegalArgumentException("one hidden row per letter");
        if (context.length() != letterProbs.length) throw new IllegalArgumentException("one context letter per letter");
    }

    public int embeddingSize() { return hidden == null || hidden.length == 0 ? 0 : hidden[0].length; }
}
