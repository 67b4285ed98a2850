package org.scrollwork.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InkScoresTest {
    @Test
    void countsAndScoresMatchHandComputedValues() {
        boolean[] truth = {true, true, true, true, false, false, false, false, false, false};
        boolean[] pred = {true, true, true, false, true, false, false, false, false, false};
        InkScores s = InkScores.of(truth, pred);
        assertEquals(new InkScores(3, 1, 1, 5), s);
        assertEquals(0.75, s.precision(), 1e-12);
        assertEquals(0.75, s.recall(), 1e-12);
        assertEquals(0.75, s.f05(), 1e-12); // P = R gives F-beta = P for any beta
        assertEquals(6.0 / 8.0, s.dice(), 1e-12);
        // P = 1, R = 0.5: F0.5 = 1.25 * 0.5 / (0.25 + 0.5) = 5/6, Dice = 2/3
        InkScores half = new InkScores(2, 0, 2, 6);
        assertEquals(5.0 / 6.0, half.f05(), 1e-12);
        assertEquals(2.0 / 3.0, half.dice(), 1e-12);
        assertEquals(0.0, new InkScores(0, 3, 4, 1).f05());
    }
}
