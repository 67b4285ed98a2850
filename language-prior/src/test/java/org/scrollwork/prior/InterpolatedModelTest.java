package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterpolatedModelTest {

    private static final String PERIOD = "ΕΝΑΡΧΗΗΝΟΛΟΓΟΣ";

    @Test
    void mixesProbabilitiesLinearly() {
        NgramModel a = NgramModel.train(List.of(PERIOD.repeat(100)), 3);
        NgramModel b = NgramModel.train(List.of(NgramModelTest.uniformText(3, 5000)), 1);
        InterpolatedModel m = new InterpolatedModel(a, b, 0.3);
        String ctx = "ΑΡΧΗΗΝ";
        double[] pa = a.nextLogProbs(ctx), pb = b.nextLogProbs(ctx), pm = m.nextLogProbs(ctx);
        for (int i = 0; i < 24; i++) assertEquals(0.3 * Math.exp(pa[i]) + 0.7 * Math.exp(pb[i]), Math.exp(pm[i]), 1e-12);
        assertEquals(1.0, Arrays.stream(pm).map(Math::exp).sum(), 1e-12);
        double[] letters = m.suffixLetterLogProbs(ctx, List.of("ΟΛΟΓ"))[0];
        double[] la = a.suffixLetterLogProbs(ctx, List.of("ΟΛΟΓ"))[0], lb = b.suffixLetterLogProbs(ctx, List.of("ΟΛΟΓ"))[0];
        for (int j = 0; j < 4; j++) assertEquals(Math.log(0.3 * Math.exp(la[j]) + 0.7 * Math.exp(lb[j])), letters[j], 1e-12);
    }

    @Test
    void tunedWeightFavoursTheModelThatFitsTheText() {
        NgramModel periodic = NgramModel.train(List.of(PERIOD.repeat(100)), 4);
        NgramModel uniform = NgramModel.train(List.of(NgramModelTest.uniformText(3, 5000)), 1);
        double w = InterpolatedModel.tuneWeight(periodic, uniform, List.of(PERIOD.repeat(10)));
        assertTrue(w >= 0.95, "weight " + w);
        assertEquals(0.0, InterpolatedModel.tuneWeight(periodic, uniform, List.of(NgramModelTest.uniformText(4, 3000))), 0.051);
    }
}
