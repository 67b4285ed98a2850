package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RestorerTest {

    /** John 1:1-2, normalized; ΛΟΓΟΣ and ΘΕΟΝ/ΘΕΟΣ are frequent. */
    private static final String JOHN = PapyrusText.normalize(
            "Ἐν ἀρχῇ ἦν ὁ λόγος, καὶ ὁ λόγος ἦν πρὸς τὸν θεόν, καὶ θεὸς ἦν ὁ λόγος. οὗτος ἦν ἐν ἀρχῇ πρὸς τὸν θεόν.").letters();

    @Test
    void masksOneLetterOfAFrequentWordAndRanksTheTruthFirst() {
        NgramModel m = NgramModel.train(List.of(JOHN.repeat(3)), 4);
        Restorer r = new Restorer(m, 32, 20);
        // ΚΑΙΟΛΟ?ΟΣΗΝ: the Γ of ΛΟΓΟΣ
        int at = JOHN.indexOf("ΚΑΙΟΛΟΓΟΣ") + 6;
        assertEquals('Γ', JOHN.charAt(at));
        List<Restorer.Candidate> ranked = r.restore(JOHN.substring(0, at), 1, JOHN.substring(at + 1), 24);
        assertEquals("Γ", ranked.get(0).filling());
        assertEquals(24, ranked.size(), "with a beam of 24 or more every letter is scored");
        for (int i = 1; i < ranked.size(); i++) assertTrue(ranked.get(i - 1).logProb() >= ranked.get(i).logProb());
    }

    @Test
    void restoresASpanUsingTheRightContext() {
        NgramModel m = NgramModel.train(List.of(JOHN.repeat(3)), 5);
        Restorer r = new Restorer(m, 64, 20);
        int at = JOHN.indexOf("ΠΡΟΣΤΟΝΘΕΟΝΚΑΙ");
        assertEquals("ΠΡΟΣ", r.best(JOHN.substring(0, at), 4, JOHN.substring(at + 4)));
    }

    @Test
    void editDistanceClosedForms() {
        assertEquals(0, RestorationEval.editDistance("ΛΟΓΟΣ", "ΛΟΓΟΣ"));
        assertEquals(1, RestorationEval.editDistance("ΛΟΓΟΣ", "ΛΟΓΟΝ"));
        assertEquals(2, RestorationEval.editDistance("ΑΒΓΔ", "ΒΓΔΕ"));   // shift: one deletion + one insertion
        assertEquals(3, RestorationEval.editDistance("", "ΑΒΓ"));
    }

    @Test
    void sampledLacunaeAreRealTextWithFullContexts() {
        String text = JOHN.repeat(4);
        List<RestorationEval.Lacuna> a = RestorationEval.sample(List.of(text, "ΑΒ"), 50, 1, 10, 20, 9);
        assertEquals(a, RestorationEval.sample(List.of(text, "ΑΒ"), 50, 1, 10, 20, 9), "seeded");
        for (RestorationEval.Lacuna l : a) {
            assertEquals(20, l.left().length());
            assertEquals(20, l.right().length());
            assertTrue(l.truth().length() >= 1 && l.truth().length() <= 10);
            assertTrue(text.contains(l.left() + l.truth() + l.right()));
        }
    }
}
