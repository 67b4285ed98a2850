package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CharLmDynamicEvaluationTest {

    private static final double LOG2_24 = Math.log(24) / Math.log(2);
    private static CharLm lm;

    @BeforeAll
    static void train() {
        // a model of Markov text: it has never seen the random strings below
        lm = CharLm.train(List.of(NgramModelTest.markovText(41, 30_000)), CharLmConfig.of(64, 1, 0f),
                new CharLmTraining(100, 16, 64, 0.01f, 5), s -> { });
    }

    @AfterAll
    static void close() { lm.close(); }

    private static double bits(double[] lnP, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s -= lnP[i];
        return s / Math.log(2) / (to - from);
    }

    @Test
    void learningRateZeroGivesTheStaticScores() {
        String text = NgramModelTest.markovText(42, 700);
        double[] stat = lm.textLetterLogProbs(text);
        double[] dyn = new CharLmDynamicEvaluation(lm, 50, 0f).textLetterLogProbs(text);
        assertArrayEquals(stat, dyn, 1e-4);
    }

    /**
     * Uniform random letters repeated: no model that does not adapt can beat log2(24) bits per letter in expectation
     * (cross-entropy of the uniform distribution against any fixed prediction), while a model that learns each segment
     * after scoring it sees every later copy again. Static scores stay at or above log2(24); dynamic ones on the
     * last copies fall far below it. The trained parameters are back in place afterwards.
     */
    @Test
    void repeatedRandomTextIsLearnedWhileScoringAndTheModelIsLeftUnchanged() {
        String unit = NgramModelTest.uniformText(43, 40);
        String text = unit.repeat(12);
        double[] before = lm.textLetterLogProbs(text);
        double[] dyn = new CharLmDynamicEvaluation(lm, 20, 1.0f).textLetterLogProbs(text);
        double[] after = lm.textLetterLogProbs(text);
        assertArrayEquals(before, after, 1e-6);
        double staticBits = bits(before, 0, text.length());
        double dynamicFirst = bits(dyn, 0, unit.length());
        double dynamicLast = bits(dyn, text.length() - 4 * unit.length(), text.length());
        System.out.printf("static %.3f, dynamic first copy %.3f, last 4 copies %.3f (log2 24 = %.3f)%n", staticBits, dynamicFirst, dynamicLast, LOG2_24);
        assertTrue(staticBits > LOG2_24 - 0.3, "static " + staticBits);
        assertEquals(bits(before, 0, unit.length()), dynamicFirst, 0.3, "the first copy is unseen either way");
        assertTrue(dynamicLast < LOG2_24 - 2, "dynamic on the last copies " + dynamicLast);
    }

    /**
     * Read as one stream, what was learned from one text helps the next: a random text after six copies of itself in
     * an earlier text scores well below log2(24) when the adaptation carries over, and exactly like a text read alone
     * (each text starting from the trained parameters) when it does not. The parameters are restored either way.
     */
    @Test
    void adaptationCarriesIntoTheNextTextOnlyWhenReadAsOneStream() {
        String unit = NgramModelTest.uniformText(44, 40);
        List<String> texts = List.of(unit.repeat(6), unit);
        double[] staticBefore = lm.textLetterLogProbs(unit);
        CharLmDynamicEvaluation d = new CharLmDynamicEvaluation(lm, 20, 1.0f);
        double[] alone = d.textLetterLogProbs(unit);
        List<double[]> carried = d.carriedLetterLogProbs(texts);
        assertArrayEquals(d.textLetterLogProbs(texts.get(0)), carried.get(0), 1e-5, "the first text is read the same way");
        double aloneBits = bits(alone, 0, unit.length()), carriedBits = bits(carried.get(1), 0, unit.length());
        assertTrue(aloneBits > LOG2_24 - 0.3, "read alone " + aloneBits);
        assertTrue(carriedBits < LOG2_24 - 1, "after learning it in the first text " + carriedBits); // measured 2.77
        assertArrayEquals(staticBefore, lm.textLetterLogProbs(unit), 1e-6, "the trained parameters are back");
    }

    /**
     * A model adapted to a document knows the document's random "names" while it is used (a restoration inside the
     * adapted scope scores them far below log2(24) bits), and the trained model is back once the scope ends.
     */
    @Test
    void withAdaptationScoresWithTheAdaptedModelAndRestoresTheTrainedOne() {
        String unit = NgramModelTest.uniformText(45, 40);
        double[] staticBefore = lm.textLetterLogProbs(unit);
        double[] inside = new CharLmDynamicEvaluation(lm, 20, 1.0f)
                .withAdaptation(List.of(unit.repeat(3), unit.repeat(3)), m -> m.textLetterLogProbs(unit));
        double staticBits = bits(staticBefore, 0, unit.length()), adaptedBits = bits(inside, 10, unit.length());
        assertTrue(staticBits > LOG2_24 - 0.3, "static " + staticBits);
        assertTrue(adaptedBits < LOG2_24 - 1, "adapted " + adaptedBits);
        assertArrayEquals(staticBefore, lm.textLetterLogProbs(unit), 1e-6, "the trained parameters are back");
    }
}
