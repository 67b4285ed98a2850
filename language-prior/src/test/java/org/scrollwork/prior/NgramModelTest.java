package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NgramModelTest {

    private static final String A = PapyrusText.ALPHABET;

    /** Text from a seeded first-order Markov chain where each letter favours a few successors. */
    static String markovText(long seed, int n) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n);
        int prev = 0;
        for (int i = 0; i < n; i++) {
            int next = r.nextDouble() < 0.7 ? (prev * 7 + 3 + r.nextInt(3)) % 24 : r.nextInt(24);
            sb.append(A.charAt(next));
            prev = next;
        }
        return sb.toString();
    }

    static String uniformText(long seed, int n) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(A.charAt(r.nextInt(24)));
        return sb.toString();
    }

    @Test
    void distributionsSumToOneForRandomContexts() {
        for (int order = 1; order <= 6; order++) {
            NgramModel m = NgramModel.train(List.of(markovText(1, 20_000), markovText(2, 3_000)), order);
            Random r = new Random(order);
            List<String> contexts = new ArrayList<>();
            contexts.add("");
            for (int i = 0; i < 200; i++) {
                String t = r.nextBoolean() ? markovText(100 + i, 1 + r.nextInt(9)) : uniformText(100 + i, 1 + r.nextInt(9));
                contexts.add(t);
            }
            for (double[] lp : m.nextLogProbs("", contexts)) {
                double s = 0;
                for (double x : lp) {
                    assertTrue(Double.isFinite(x));
                    s += Math.exp(x);
                }
                assertEquals(1.0, s, 1e-12);
            }
        }
    }

    @Test
    void unigramMatchesTheClosedFormOfAbsoluteDiscounting() {
        // counts Α:1, Β:1 -> n1 = 2, n2 = 0 -> fallback discount D1 = 0.5; mass 2 * 0.5 / 2 goes to the uniform level
        NgramModel m = NgramModel.train(List.of("ΑΒ"), 1);
        double[] lp = m.nextLogProbs("");
        assertEquals(0.5 / 2 + 0.5 / 24, Math.exp(lp[0]), 1e-15);
        assertEquals(0.5 / 2 + 0.5 / 24, Math.exp(lp[1]), 1e-15);
        assertEquals(0.5 / 24, Math.exp(lp[2]), 1e-15);
    }

    @Test
    void uniformTextCostsLog2Of24Bits() {
        NgramModel m = NgramModel.train(List.of(uniformText(7, 300_000)), 1);
        double bits = m.bitsPerChar(List.of(uniformText(8, 100_000)));
        // fresh i.i.d. uniform letters: the entropy log2(24) = 4.585; the model's own estimate can only add a little
        assertEquals(Math.log(24) / Math.log(2), bits, 0.005);
    }

    @Test
    void periodicTextCostsAlmostNothing() {
        String period = "ΕΝΑΡΧΗΗΝΟΛΟΓΟΣ";   // "ΟΓΟ"/"ΗΗ" make order 3 necessary to be deterministic
        NgramModel m = NgramModel.train(List.of(period.repeat(2000)), 4);
        double bits = m.bitsPerChar(List.of(period.repeat(50).substring(5)));
        assertTrue(bits < 0.02, "bits/char " + bits);
    }

    @Test
    void higherOrderHelpsOnMarkovTextAndMatchesItsEntropy() {
        String train = markovText(11, 200_000), test = markovText(12, 50_000);
        double unigram = NgramModel.train(List.of(train), 1).bitsPerChar(List.of(test));
        double bigram = NgramModel.train(List.of(train), 2).bitsPerChar(List.of(test));
        // the chain's conditional entropy: 0.7 on 3 successors + 0.3 uniform
        double h = 0;
        for (int w = 0; w < 24; w++) {
            double p = 0.3 / 24 + (w < 3 ? 0.7 / 3 : 0);
            h -= p * Math.log(p) / Math.log(2);
        }
        assertTrue(unigram > 4.5, "unigram " + unigram);
        assertEquals(h, bigram, 0.02);
    }
}
