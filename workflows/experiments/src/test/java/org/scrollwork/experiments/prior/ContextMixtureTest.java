package org.scrollwork.experiments.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.InterpolatedModel;
import org.scrollwork.prior.NgramModel;
import org.scrollwork.prior.PapyrusText;

class ContextMixtureTest {

    private static final String PERIOD = "ΕΝΑΡΧΗΗΝΟΛΟΓΟΣ";

    /** {@code n} letters drawn uniformly. */
    private static String uniformText(long seed, int n) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(PapyrusText.ALPHABET.charAt(r.nextInt(24)));
        return sb.toString();
    }

    @Test
    void matchedContextIsTheLongestContextTheTrainingLettersHold() {
        NgramModel m = NgramModel.train(List.of("ΑΒΓΑΒΔ"), 4);
        assertEquals(0, m.matchedContext(CharModel.encode(""), 0));
        assertEquals(0, m.matchedContext(CharModel.encode("Ζ"), 1));
        assertEquals(2, m.matchedContext(CharModel.encode("ΑΒ"), 2));
        assertEquals(2, m.matchedContext(CharModel.encode("ΖΑΒ"), 3));
        assertEquals(3, m.matchedContext(CharModel.encode("ΓΑΒ"), 3));
        assertEquals(3, m.matchedContext(CharModel.encode("ΩΓΑΒ"), 4), "at most order - 1");
        assertEquals(2, m.matchedContext(CharModel.encode("ΔΓΑΒ"), 3), "the context ends at end: ΔΓΑ, of which ΓΑ is held");
    }

    @Test
    void equalWeightsAreTheLinearMixture() {
        NgramModel a = NgramModel.train(List.of(PERIOD.repeat(100)), 3);
        NgramModel ngram = NgramModel.train(List.of(uniformText(3, 5000)), 5);
        double[] w = new double[5];
        Arrays.fill(w, 0.3);
        ContextMixture m = new ContextMixture(a, ngram, w);
        InterpolatedModel linear = new InterpolatedModel(a, ngram, 0.3);
        String ctx = "ΑΡΧΗΗΝ";
        assertArrayEquals(linear.nextLogProbs(ctx), m.nextLogProbs(ctx), 1e-12);
        assertArrayEquals(linear.suffixLetterLogProbs(ctx, List.of("ΟΛΟΓ"))[0], m.suffixLetterLogProbs(ctx, List.of("ΟΛΟΓ"))[0], 1e-12);
        assertArrayEquals(linear.textLetterLogProbs(PERIOD.repeat(3)), m.textLetterLogProbs(PERIOD.repeat(3)), 1e-12);
    }

    @Test
    void eachLetterIsMixedWithTheWeightOfItsMatchedContext() {
        NgramModel a = NgramModel.train(List.of(PERIOD.repeat(100)), 3);
        NgramModel ngram = NgramModel.train(List.of("ΑΒΓΑΒΔ"), 4);
        double[] w = {0.1, 0.2, 0.6, 0.9};
        ContextMixture m = new ContextMixture(a, ngram, w);
        String text = "ΓΑΒΖΑΒ";
        double[] la = a.textLetterLogProbs(text), lb = ngram.textLetterLogProbs(text), lm = m.textLetterLogProbs(text);
        // matched contexts before each letter: "" 0, Γ 1, ΓΑ 2, ΓΑΒ 3, ΑΒΖ 0, ΒΖΑ → Α 1
        int[] matched = {0, 1, 2, 3, 0, 1};
        for (int i = 0; i < text.length(); i++) {
            assertEquals(Math.log(w[matched[i]] * Math.exp(la[i]) + (1 - w[matched[i]]) * Math.exp(lb[i])), lm[i], 1e-12, "letter " + i);
        }
        assertEquals(1.0, Arrays.stream(m.nextLogProbs("ΓΑΒ")).map(Math::exp).sum(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new ContextMixture(a, ngram, new double[] {0.5}));
        assertThrows(IllegalArgumentException.class, () -> new ContextMixture(a, ngram, new double[] {0.5, 0.5, 1.5, 0.5}));
    }

    @Test
    void tunedWeightsScoreTheTuningTextAtLeastAsWellAsOneWeight() {
        // a periodic text with every tenth letter replaced: the 6-gram is sure where it has seen the context and guesses
        // elsewhere, the other model is the same everywhere
        StringBuilder train = new StringBuilder(), tune = new StringBuilder();
        String noise = uniformText(7, 4000);
        for (int i = 0; i < 4000; i++) train.append(i % 10 == 0 ? noise.charAt(i) : PERIOD.charAt(i % PERIOD.length()));
        String noise2 = uniformText(8, 3000);
        for (int i = 0; i < 3000; i++) tune.append(i % 7 == 0 ? noise2.charAt(i) : PERIOD.charAt(i % PERIOD.length()));
        NgramModel ngram = NgramModel.train(List.of(train.toString()), 6);
        NgramModel other = NgramModel.train(List.of(train.toString()), 2);
        List<String> texts = List.of(tune.toString());
        ContextMixture m = ContextMixture.tune(other, ngram, texts);
        double linear = new InterpolatedModel(other, ngram, InterpolatedModel.tuneWeight(other, ngram, texts)).bitsPerChar(texts);
        assertTrue(m.bitsPerChar(texts) < linear - 0.01, m.bitsPerChar(texts) + " vs " + linear + ", weights " + Arrays.toString(m.weightsA()));
    }
}
