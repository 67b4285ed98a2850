package org.scrollwork.pipeline.distill;

import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.PapyrusText;

/**
 * A closed-form teacher: P(next = k | prev = p) = (1 + 20 [k = p + 1 mod 24]) / 44, the first letter uniform. Hidden
 * letters are filled with the table's most probable letter after the previous one.
 */
final class BigramTeacher implements LetterTeacher {
    static final int V = CharModel.ALPHABET_SIZE;

    static float[] row(int prev) {
        float[] p = new float[V];
        for (int k = 0; k < V; k++) p[k] = prev < 0 ? 1f / V : (1f + (k == (prev + 1) % V ? 20f : 0f)) / (V + 20f);
        return p;
    }

    @Override
    public Teaching teach(PapyrusRecord record) {
        char[] ctx = record.letters().toCharArray();
        float[][] probs = new float[ctx.length][];
        for (int i = 0; i < ctx.length; i++) {
            int prev = i == 0 ? -1 : PapyrusText.letterIndex(ctx[i - 1]);
            probs[i] = row(prev);
            if (ctx[i] == PapyrusRecord.HIDDEN) ctx[i] = PapyrusText.ALPHABET.charAt(prev < 0 ? 0 : (prev + 1) % V);
        }
        return new Teaching(probs, null, new String(ctx));
    }
}
