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
