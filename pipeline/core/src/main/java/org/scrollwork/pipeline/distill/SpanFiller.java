package org.scrollwork.pipeline.distill;

import java.util.List;
import java.util.function.IntFunction;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.PapyrusText;
import org.scrollwork.prior.Restorer;

/**
 * Fills the hidden spans of a letter string ({@link PapyrusRecord#HIDDEN} at hidden letters) left to right with a
 * {@link Restorer}: each span sees at most {@code leftContext} letters before it (earlier spans as already filled) and at
 * most {@code rightContext} visible letters after it, stopping at the next hidden letter, so no hidden letter is ever
 * used as context.
 */
public final class SpanFiller {
    private final int leftContext;
    private final int rightContext;
    private final int beamWidth;

    public SpanFiller(int leftContext, int rightContext, int beamWidth) {
        if (leftContext < 0 || rightContext < 0 || beamWidth < 1) throw new IllegalArgumentException("contexts must be >= 0 and beam >= 1");
        this.leftContext = leftContext;
        this.rightContext = rightContext;
        this.beamWidth = beamWidth;
    }

    /** Fills with one model for every span. */
    public String fill(String letters, CharModel model) { return fill(letters, leftStart -> model); }

    /**
     * Fills with a model chosen per span: {@code modelAt.apply(s)} scores a span whose left context starts at letter
     * {@code s} of the record (so position-dependent experts, like the AUNN, know where they are).
     */
    public String fill(String letters, IntFunction<CharModel> modelAt) { return fill(letters, modelAt, 1).text(); }

    /**
     * The filled text and, at each hidden letter, the model's two-sided belief about it: the marginal of the softmax
     * over the {@code topK} best fillings' scores ln P(filling + right' | left) (null rows at visible letters).
     */
    public record Filling(String text, float[][] posteriors) {}

    /** Fills like {@link #fill(String, IntFunction)} and gives the per-letter posteriors over the top {@code topK} fillings. */
    public Filling fill(String letters, IntFunction<CharModel> modelAt, int topK) {
        char[] out = letters.toCharArray();
        float[][] post = new float[out.length][];
        for (int i = 0; i < out.length; ) {
            if (out[i] != PapyrusRecord.HIDDEN) { i++; continue; }
            int j = i;
            while (j < out.length && out[j] == PapyrusRecord.HIDDEN) j++;
            int ls = Math.max(0, i - leftContext);
            String left = new String(out, ls, i - ls);
            int re = j;
            while (re < out.length && re - j < rightContext && out[re] != PapyrusRecord.HIDDEN) re++;
            String right = new String(out, j, re - j);
            List<Restorer.Candidate> cands = new Restorer(modelAt.apply(ls), beamWidth, rightContext).restore(left, j - i, right, topK);
            double max = cands.get(0).logProb(), z = 0;
            for (Restorer.Candidate c : cands) z += Math.exp(c.logProb() - max);
            for (int k = i; k < j; k++) post[k] = new float[CharModel.ALPHABET_SIZE];
            for (Restorer.Candidate c : cands) {
                float w = (float) (Math.exp(c.logProb() - max) / z);
                for (int k = i; k < j; k++) post[k][PapyrusText.letterIndex(c.filling().charAt(k - i))] += w;
            }
            cands.get(0).filling().getChars(0, j - i, out, i);
            i = j;
        }
        return new Filling(new String(out), post);
    }
}
