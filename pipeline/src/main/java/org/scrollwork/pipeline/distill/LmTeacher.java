package org.scrollwork.pipeline.distill;

import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.TextEncoding;

/**
 * The language model as teacher: hidden spans are first filled with the model's own restoration ({@link SpanFiller},
 * visible context only), then the whole record is encoded once ({@link CharLm#encode}): the next-letter distribution
 * and the GRU's hidden state at every letter are the soft targets and embeddings.
 */
public final class LmTeacher implements LetterTeacher {
    private final CharLm lm;
    private final SpanFiller filler;
    private final boolean withHidden;

    /** @param withHidden whether to give hidden-state embeddings (for an embedding head) */
    public LmTeacher(CharLm lm, SpanFiller filler, boolean withHidden) {
        this.lm = lm;
        this.filler = filler;
        this.withHidden = withHidden;
    }

    @Override
    public Teaching teach(PapyrusRecord record) {
        String context = filler.fill(record.letters(), lm);
        TextEncoding e = lm.encode(context);
        return new Teaching(e.nextLetterProbs(), withHidden ? e.hidden() : null, context);
    }
}
