package org.scrollwork.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class GreekTextTest {

    @Test void accentsBreathingsAndPunctuationGo() {
        assertEquals("ΟΤΙΜΕΝΥΜΕΙΣΩΑΝΔΡΕΣΑΘΗΝΑΙΟΙ", GreekText.normalize("Ὅτι μὲν ὑμεῖς, ὦ ἄνδρες Ἀθηναῖοι,"));
    }

    @Test void iotaSubscriptIsDroppedNotWrittenAsIota() {
        // ᾧ = omega + dasia + perispomeni + ypogegrammeni; upper-casing the subscript first would give ΩΙ.
        assertEquals("ΕΝΩ", GreekText.normalize("ἐν ᾧ"));
        assertEquals("ΤΗΑΓΟΡΑ", GreekText.normalize("τῇ ἀγορᾷ"));
    }

    @Test void finalAndLunateSigmaBecomeCapitalSigma() {
        assertEquals("ΛΟΓΟΣ", GreekText.normalize("λόγος"));
        assertEquals("ΣΟΣ", GreekText.normalize("ϲοϲ"));
        assertEquals("ΣΟΣ", GreekText.normalize("ϹΟϹ"));
    }

    @Test void diaeresisGoes() {
        assertEquals("ΑΤΡΕΙΔΗΣ", GreekText.normalize("Ἀτρεΐδης"));
        assertEquals("ΠΡΟΙΑΨΕΝ", GreekText.normalize("προΐαψεν"));
    }

    @Test void latinDigitsAndGreekPunctuationAreDropped() {
        // Latin A (U+0041) looks like Alpha but is not Greek; ano teleia, Greek question mark, elision mark, digits.
        assertEquals("ΑΒ", GreekText.normalize("A Α 1 · ; ᾽ Β Zeus 42 ʹ"));
        assertEquals("", GreekText.normalize("Hello, world! 123"));
        assertEquals("", GreekText.normalize("ϝϙϛ")); // digamma, koppa, stigma are not among the 24
    }

    @Test void decomposedInputGivesTheSameResult() {
        String s = "Μῆνιν ἄειδε θεὰ Πηληϊάδεω Ἀχιλῆος";
        assertEquals(GreekText.normalize(s), GreekText.normalize(Normalizer.normalize(s, Normalizer.Form.NFD)));
        assertEquals("ΜΗΝΙΝΑΕΙΔΕΘΕΑΠΗΛΗΙΑΔΕΩΑΧΙΛΗΟΣ", GreekText.normalize(s));
    }

    @Test void letterNumbersFollowTheAlphabet() {
        assertEquals(24, GreekText.ALPHABET.length());
        assertEquals(1, GreekText.letterNumber('Α'));
        assertEquals(17, GreekText.letterNumber('Ρ'));
        assertEquals(18, GreekText.letterNumber('Σ'));
        assertEquals(24, GreekText.letterNumber('Ω'));
        assertEquals(0, GreekText.letterNumber('ς'));
        assertEquals(0, GreekText.letterNumber('A'));
        for (int n = 1; n <= 24; n++) assertEquals(n, GreekText.letterNumber(GreekText.letter(n)));
        // Unicode order, skipping the unassigned U+03A2 between Ρ and Σ.
        for (int n = 1; n <= 24; n++) assertEquals(0x0390 + n + (n >= 18 ? 1 : 0), GreekText.letter(n));
        assertThrows(IllegalArgumentException.class, () -> GreekText.letter(25));
    }

    @Test void defaultPassageNormalizesToALongScriptioContinua() {
        String t = GreekText.normalize(GreekText.DEFAULT_PASSAGE);
        assertTrue(t.startsWith("ΟΤΙΜΕΝΥΜΕΙΣΩΑΝΔΡΕΣΑΘΗΝΑΙΟΙΠΕΠΟΝΘΑΤΕ"), t);
        assertTrue(t.length() > 200, "length " + t.length());
        assertTrue(GreekText.isNormalized(t));
    }
}
