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
    void ranksTheTrueLetterOfAFrequentWordFirstInTextTheModelNeverSaw() {
        // trained on John 1:1-5, restored in John 1:14: the Α of the second ΚΑΙ
        String john1to5 = PapyrusText.normalize("Ἐν ἀρχῇ ἦν ὁ λόγος, καὶ ὁ λόγος ἦν πρὸς τὸν θεόν, καὶ θεὸς ἦν ὁ λόγος. "
                + "οὗτος ἦν ἐν ἀρχῇ πρὸς τὸν θεόν. πάντα δι' αὐτοῦ ἐγένετο, καὶ χωρὶς αὐτοῦ ἐγένετο οὐδὲ ἕν. ὃ γέγονεν "
                + "ἐν αὐτῷ ζωὴ ἦν, καὶ ἡ ζωὴ ἦν τὸ φῶς τῶν ἀνθρώπων· καὶ τὸ φῶς ἐν τῇ σκοτίᾳ φαίνει, καὶ ἡ σκοτία αὐτὸ "
                + "οὐ κατέλαβεν.").letters();
        String john14 = PapyrusText.normalize("Καὶ ὁ λόγος σὰρξ ἐγένετο καὶ ἐσκήνωσεν ἐν ἡμῖν").letters();
        assertTrue(!john1to5.contains(john14.substring(0, 12)), "the test text is not in the training text");
        int at = john14.indexOf("ΚΑΙΕΣΚ") + 1;
        NgramModel m = NgramModel.train(List.of(john1to5), 3);
        List<Restorer.Candidate> ranked = new Restorer(m, 24, 20).restore(john14.substring(0, at), 1, john14.substring(at + 1), 5);
        assertEquals("Α", ranked.get(0).filling());
        // the score is the chain rule through the right context, as the model computes it letter by letter
        String r = john14.substring(at + 1);
        double chain = 0;
        String all = john14.substring(0, at) + "Α" + r;
        for (int j = at; j < all.length(); j++) chain += m.nextLogProbs(all.substring(0, j))[PapyrusText.letterIndex(all.charAt(j))];
        assertEquals(chain, ranked.get(0).logProb(), 1e-9);
    }

    @Test
    void restoresASpanUsingTheRightContext() {
        NgramModel m = NgramModel.train(List.of(JOHN.repeat(3)), 5);
        Restorer r = new Restorer(m, 64, 20);
        int at = JOHN.indexOf("ΠΡΟΣΤΟΝΘΕΟΝΚΑΙ");
        assertEquals("ΠΡΟΣ", r.best(JOHN.substring(0, at), 4, JOHN.substring(at + 4)));
    }

    /**
     * A lacuna whose filling only the right context identifies: after ΚΑΙΟ the model has seen ΛΟΓΟΣ ten times as
     * often as ΜΥΘΟΣ, but only ΜΥΘΟΣ was ever followed by ΕΞΕΠΕΣΕΝ. A left-to-right beam of width 1 keeps ΛΟΓΟΣ, and no
     * single-letter change of it reaches ΜΥΘΟΣ (three letters differ); the backward beam proposes it from the right.
     * The premise is checked on the model's own scores first (a 5-gram: ΟΣΕΞΕ was only ever seen after ΜΥΘ).
     */
    @Test
    void findsAFillingThatOnlyTheRightContextSupportsWithABeamOfOne() {
        String common = "ΤΟΤΕΕΙΠΕΝΚΑΙΟΛΟΓΟΣΗΝΠΡΟΣΤΟΝΛΑΟΝ", rare = "ΤΟΤΕΕΙΠΕΝΚΑΙΟΜΥΘΟΣΕΞΕΠΕΣΕΝΑΠΟΤΟΥΛΑΟΥ";
        NgramModel m = NgramModel.train(List.of(common.repeat(10), rare), 5);
        String left = "ΤΟΤΕΕΙΠΕΝΚΑΙΟ", right = "ΕΞΕΠΕΣΕΝΑΠΟΤΟΥΛΑΟΥ";
        Restorer oneBeam = new Restorer(m, 1, 20);
        // the premise: from the left alone the model prefers ΛΟΓΟΣ, and with the right context it prefers ΜΥΘΟΣ
        assertTrue(m.suffixLogProbs(left, List.of("ΛΟΓΟΣ"))[0] > m.suffixLogProbs(left, List.of("ΜΥΘΟΣ"))[0]);
        assertTrue(oneBeam.score(left, "ΜΥΘΟΣ", right) > oneBeam.score(left, "ΛΟΓΟΣ", right));
        assertEquals("ΜΥΘΟΣ", oneBeam.best(left, 5, right));
        assertEquals("ΛΟΓΟΣ", oneBeam.best(left, 5, "ΗΝΠΡΟΣΤΟΝΛΑΟΝ"));
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
