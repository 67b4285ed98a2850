package org.scrollwork.pipeline.distill;

import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.TextEncoding;

/**
 * The language model as teacher: hidden spans are first filled with the model's own restoration ({@link SpanFiller},
 * visible context only), then the whole record is encoded once ({@link CharLm#encode}): the next-letter distribution
 * and the GRU's hidden state at every letter are the soft targets and embeddings. With {@code twoSided}, the target
 * at a hidden letter is instead {@code (1 - LEFT_ONLY_SHARE)} times the restoration's posterior over its top
 * {@value #TOP_K} fillings (which sees the right context too) plus {@value #LEFT_ONLY_SHARE} times the next-letter
 * distribution (so no letter gets probability 0).
 */
public final class LmTeacher implements LetterTeacher {
    private final CharLm lm;
    private final SpanFiller filler;
    private final boolean withHidden;
    private final boolean twoSided;

    /** Fillings whose scores make the two-sided posterior at hidden letters. */
    public static final int TOP_K = 16;
    /** Share of the left-only next-letter distribution in a two-sided target. */
    public static final float LEFT_ONLY_SHARE = 0.1f;

    /**
     * @param withHidden whether to give hidden-state embeddings (for an embedding head)
     * @param twoSided   whether hidden letters get the two-sided restoration posterior (see above)
     */
    public LmTeacher(CharLm lm, SpanFiller filler, boolean withHidden, boolean twoSided) {
        this.lm = lm;
        this.filler = filler;
        this.withHidden = withHidden;
        this.twoSided = twoSided;
    }

    @Override
    public Teaching teach(PapyrusRecord record) {
        SpanFiller.Filling f = filler.fill(record.letters(), s -> lm, TOP_K);
        TextEncoding e = lm.encode(f.text());
        float[][] probs = e.nextLetterProbs();
        if (twoSided) mixPosteriors(probs, f.posteriors());
        return new Teaching(probs, withHidden ? e.hidden() : null, f.text());
    }

    /** At letters with a posterior: {@code (1 - LEFT_ONLY_SHARE) posterior + LEFT_ONLY_SHARE next-letter}, in place. */
    static void mixPosteriors(float[][] probs, float[][] posteriors) {
        for (int i = 0; i < probs.length; i++) {
            if (posteriors[i] == null) continue;
            for (int k = 0; k < probs[i].length; k++) probs[i][k] = (1 - LEFT_ONLY_SHARE) * posteriors[i][k] + LEFT_ONLY_SHARE * probs[i][k];
        }
    }
}
