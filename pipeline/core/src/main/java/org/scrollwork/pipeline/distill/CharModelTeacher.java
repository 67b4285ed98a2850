package org.scrollwork.pipeline.distill;

import org.scrollwork.prior.CharModel;

/**
 * Any {@link CharModel} as teacher (for instance the n-gram, which has no hidden state and passes no gradients, so it
 * can teach only through soft targets): hidden spans are filled with the model's own restoration, then each letter's
 * target is the model's next-letter distribution given at most {@code context} letters before it (at hidden letters
 * optionally mixed with the two-sided restoration posterior, as in {@link LmTeacher}). One {@code nextLogProbs} call
 * per letter. No embeddings.
 */
public final class CharModelTeacher implements LetterTeacher {
    private final CharModel model;
    private final SpanFiller filler;
    private final int context;
    private final boolean twoSided;

    /** @param twoSided hidden letters get the restoration posterior mixed as in {@link LmTeacher} */
    public CharModelTeacher(CharModel model, SpanFiller filler, int context, boolean twoSided) {
        if (context < 0) throw new IllegalArgumentException("context must be >= 0");
        this.model = model;
        this.filler = filler;
        this.context = context;
        this.twoSided = twoSided;
    }

    @Override
    public Teaching teach(PapyrusRecord record) {
        SpanFiller.Filling f = filler.fill(record.letters(), s -> model, LmTeacher.TOP_K);
        String ctx = f.text();
        float[][] probs = new float[ctx.length()][CharModel.ALPHABET_SIZE];
        for (int i = 0; i < ctx.length(); i++) {
            double[] lp = model.nextLogProbs(ctx.substring(Math.max(0, i - context), i));
            for (int k = 0; k < lp.length; k++) probs[i][k] = (float) Math.exp(lp[k]);
        }
        if (twoSided) LmTeacher.mixPosteriors(probs, f.posteriors());
        return new Teaching(probs, null, ctx);
    }
}
