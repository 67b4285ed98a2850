package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PapyrusTextTest {

    @Test
    void stripsAccentsBreathingsAndPunctuationAndUppercases() {
        assertEquals("ΕΝΑΡΧΗΗΝΟΛΟΓΟΣ", PapyrusText.normalize("Ἐν ἀρχῇ ἦν ὁ λόγος,").letters());
    }

    @Test
    void finalSigmaBecomesCapitalSigma() {
        assertEquals("ΛΟΓΟΣΚΟΣΜΟΣ", PapyrusText.normalize("λόγος κόσμος").letters());
    }

    @Test
    void iotaSubscriptDisappearsAsInMajuscule() {
        // ᾳ (alpha with ypogegrammeni) and ῷ (omega with perispomeni and ypogegrammeni)
        assertEquals("ΤΗΑΓΑΘΗΤΩΛΟΓΩ", PapyrusText.normalize("τῇ ἀγαθῇ τῷ λόγῳ").letters());
        assertEquals("Α", PapyrusText.normalize("ᾳ").letters());
    }

    @Test
    void dropsLatinDigitsAndGreekPunctuation() {
        // Latin A looks like Alpha but is not Greek; the Greek question mark is U+037E, the ano teleia U+0387.
        assertEquals("ΤΙΑΛΦΑ", PapyrusText.normalize("A τί; 42 ἄλφα· B").letters());
    }

    @Test
    void separateCombiningMarksAreStrippedLikePrecomposedOnes() {
        // ε + U+0313 (psili) + U+0301 (acute); ω + U+0342 (perispomeni) + U+0345 (ypogegrammeni); ι + U+0308 + U+0301
        String decomposed = "\u03b5\u0313\u0301\u03c9\u0342\u0345\u03b9\u0308\u0301";
        assertEquals("ΕΩΙ", PapyrusText.normalize(decomposed).letters());
        assertEquals("ΕΩΙ", PapyrusText.normalize("ἔῷΐ").letters());
        assertArrayEquals(new int[] {0, 3, 6}, PapyrusText.normalize(decomposed).sourceIndex());
    }

    @Test
    void capitalsWithTonosLunateSigmaAndMixedCaseBecomeBareCapitals() {
        assertEquals("ΑΕΗΙΟΥΩ", PapyrusText.normalize("ΆΈΉΊΌΎΏ").letters());
        assertEquals("ΣΟΦΙΑΣ", PapyrusText.normalize("ϲοφίαϲ").letters());   // lunate sigma U+03F2, as printed in papyri
        assertEquals("ΣΟΦΙΑΣ", PapyrusText.normalize("ϹΟΦΙΑϹ").letters());   // capital lunate sigma U+03F9
        assertEquals("ΛΟΓΟΣΛΟΓΟΣ", PapyrusText.normalize("ΛόΓος λΌγΟΣ").letters());
    }

    @Test
    void latinLookAlikesAndSymbolsAreDropped() {
        // Latin capitals that look Greek, the micro sign (upper-cases to Greek Mu in Unicode), Cyrillic А, digits
        assertEquals("", PapyrusText.normalize("ABEHIKMNOPTXYZ µ А 0123 ½ — …").letters());
        assertEquals("ΑΒ", PapyrusText.normalize("Aα·Bβ").letters());
        // the Ohm sign is canonically Omega, so NFD turns it into Ω
        assertEquals("Ω", PapyrusText.normalize("\u2126").letters());
    }

    @Test
    void mapsEveryLetterBackToItsSourcePosition() {
        String src = "ὁ λό-γος";
        PapyrusText t = PapyrusText.normalize(src);
        assertEquals("ΟΛΟΓΟΣ", t.letters());
        assertArrayEquals(new int[] {0, 2, 3, 5, 6, 7}, t.sourceIndex());
    }

    @Test
    void alphabetHasTwentyFourLettersInOrder() {
        assertEquals(24, PapyrusText.ALPHABET.length());
        assertEquals(0, PapyrusText.letterIndex('Α'));
        assertEquals(17, PapyrusText.letterIndex('Σ'));
        assertEquals(23, PapyrusText.letterIndex('Ω'));
        assertEquals(-1, PapyrusText.letterIndex('ς'));
    }
}
