package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentCacheTest {

    /** John 1:1-5: the base model's whole knowledge of Greek. */
    private static final String JOHN = PapyrusText.normalize("Ἐν ἀρχῇ ἦν ὁ λόγος, καὶ ὁ λόγος ἦν πρὸς τὸν θεόν, καὶ θεὸς ἦν ὁ λόγος. "
            + "οὗτος ἦν ἐν ἀρχῇ πρὸς τὸν θεόν. πάντα δι' αὐτοῦ ἐγένετο, καὶ χωρὶς αὐτοῦ ἐγένετο οὐδὲ ἕν. ὃ γέγονεν "
            + "ἐν αὐτῷ ζωὴ ἦν, καὶ ἡ ζωὴ ἦν τὸ φῶς τῶν ἀνθρώπων· καὶ τὸ φῶς ἐν τῇ σκοτίᾳ φαίνει, καὶ ἡ σκοτία αὐτὸ "
            + "οὐ κατέλαβεν.").letters();

    /** Hebrews 7:1-3 in part: ΜΕΛΧΙΣΕΔΕΚ, a name the base model never saw, three times. */
    private static final String DOCUMENT = PapyrusText.normalize("Οὗτος γὰρ ὁ Μελχισέδεκ, βασιλεὺς Σαλήμ, ἱερεὺς τοῦ θεοῦ "
            + "τοῦ ὑψίστου, ὁ συναντήσας Ἀβραὰμ ὑποστρέφοντι ἀπὸ τῆς κοπῆς τῶν βασιλέων καὶ εὐλογήσας αὐτόν, ᾧ καὶ δεκάτην "
            + "ἀπὸ πάντων ἐμέρισεν Ἀβραάμ, πρῶτον μὲν ἑρμηνευόμενος βασιλεὺς δικαιοσύνης, ἔπειτα δὲ καὶ βασιλεὺς Σαλήμ, ὅ "
            + "ἐστιν βασιλεὺς εἰρήνης, ἀπάτωρ, ἀμήτωρ, ἀγενεαλόγητος, μένει ἱερεὺς εἰς τὸ διηνεκές. κατὰ τὴν τάξιν "
            + "Μελχισέδεκ ἀνίσταται ἱερεὺς ἕτερος, καὶ ὁ Μελχισέδεκ εὐλόγησεν αὐτόν.").letters();

    @Test
    void restoresANameFromItsOtherOccurrencesInTheDocument() {
        NgramModel base = NgramModel.train(List.of(JOHN), 6);
        int at = DOCUMENT.lastIndexOf("ΜΕΛΧΙΣΕΔΕΚ") + 3;   // the lacuna: ΧΙΣ of the last ΜΕΛΧΙΣΕΔΕΚ
        assertEquals("ΧΙΣ", DOCUMENT.substring(at, at + 3));
        List<String> visible = List.of(DOCUMENT.substring(0, at), DOCUMENT.substring(at + 3));
        String left = visible.get(0), right = visible.get(1);
        assertNotEquals("ΧΙΣ", new Restorer(base, 32, 20).best(left, 3, right), "the base model alone does not know the name");
        CharModel cached = DocumentCache.around(base, visible, DocumentCache.DEFAULT_ORDER, 0.5);
        assertEquals("ΧΙΣ", new Restorer(cached, 32, 20).best(left, 3, right));
    }

    @Test
    void theCacheIsAnInterpolationWithAnNgramOfTheVisibleText() {
        NgramModel base = NgramModel.train(List.of(JOHN), 4);
        List<String> visible = List.of(DOCUMENT.substring(0, 100), DOCUMENT.substring(110));
        CharModel cached = DocumentCache.around(base, visible, 5, 0.3);
        NgramModel cache = NgramModel.train(visible, 5);
        String context = "ΚΑΙΟΜΕΛ";
        double[] got = cached.nextLogProbs(context), b = base.nextLogProbs(context), c = cache.nextLogProbs(context);
        for (int i = 0; i < got.length; i++) assertEquals(Math.log(0.3 * Math.exp(c[i]) + 0.7 * Math.exp(b[i])), got[i], 1e-12);
    }

    @Test
    void noWeightOrNoVisibleTextLeavesTheBaseModel() {
        NgramModel base = NgramModel.train(List.of(JOHN), 4);
        assertSame(base, DocumentCache.around(base, List.of(DOCUMENT), 8, 0));
        assertSame(base, DocumentCache.around(base, List.of("", ""), 8, 0.5));
        assertThrows(IllegalArgumentException.class, () -> DocumentCache.around(base, List.of(DOCUMENT), 8, 1));
        assertThrows(IllegalArgumentException.class, () -> DocumentCache.around(base, List.of(DOCUMENT), 8, -0.1));
    }

    @Test
    void aPlacedLacunaSeesItsDocumentButNotItsOwnLetters() {
        List<String> texts = List.of("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ".repeat(3), "ΑΒ");
        for (RestorationEval.Placed p : RestorationEval.samplePlaced(texts, 30, 1, 10, 5, 3)) {
            String t = texts.get(p.text());
            List<String> v = p.visible(texts);
            int len = p.lacuna().truth().length();
            assertEquals(t.substring(0, p.at()), v.get(0));
            assertEquals(t.substring(p.at() + len), v.get(1));
            assertEquals(p.lacuna().truth(), t.substring(p.at(), p.at() + len));
            assertEquals(p.lacuna().left(), t.substring(p.at() - 5, p.at()));
            assertEquals(p.lacuna().right(), t.substring(p.at() + len, p.at() + len + 5));
        }
        assertEquals(RestorationEval.sample(texts, 30, 1, 10, 5, 3),
                RestorationEval.samplePlaced(texts, 30, 1, 10, 5, 3).stream().map(RestorationEval.Placed::lacuna).toList());
    }
}
