package org.scrollwork.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LacunaTextTest {

    @Test
    void dotsAndNumbersGiveLengthsAndTheRestIsNormalized() {
        LacunaText t = LacunaText.parse("ἐν ἀρ[..]ῇ ἦν\nὁ λό[. .]ς, καὶ [3]");
        assertEquals(List.of("ΕΝΑΡ", "ΗΗΝΟΛΟ", "ΣΚΑΙ", ""), t.known());
        assertEquals(List.of(2, 2, 3), t.lacunae());
    }

    @Test
    void malformedLacunaeNameTheColumn() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LacunaText.parse("ΑΒ[..")).getMessage().contains("column 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LacunaText.parse("ΑΒ]")).getMessage().contains("column 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LacunaText.parse("Α[ΛΟΓ]ΟΣ")).getMessage().contains("dots"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LacunaText.parse("Α[]ΟΣ")).getMessage().contains("column 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LacunaText.parse("Α[0]")).getMessage().contains("1..50"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LacunaText.parse("Α[99999999999]")).getMessage().contains("1..50"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LacunaText.parse("ΛΟΓΟΣ")).getMessage().contains("no lacuna"));
    }

    @Test
    void restoresLacunaeInOrderEachSeeingTheEarlierBestFilling() {
        String verse = PapyrusText.normalize("ἐν ἀρχῇ ἦν ὁ λόγος, καὶ ὁ λόγος ἦν πρὸς τὸν θεόν, καὶ θεὸς ἦν ὁ λόγος.").letters();
        NgramModel m = NgramModel.train(List.of(verse.repeat(5)), 5);
        LacunaText t = LacunaText.parse("ἐν ἀρχῇ ἦν ὁ λό[.]ος, καὶ ὁ λόγος ἦν πρὸς [3] θεόν");
        List<LacunaText.Restored> r = t.restore(new Restorer(m, 32, 20), 3);
        assertEquals("Γ", r.get(0).candidates().get(0).filling());
        assertEquals("ΤΟΝ", r.get(1).candidates().get(0).filling());
        assertEquals("ΕΝΑΡΧΗΗΝΟΛΟΓΟΣΚΑΙΟΛΟΓΟΣΗΝΠΡΟΣ", r.get(1).left(), "the second lacuna sees the first one's best filling");
        assertEquals("ΕΝΑΡΧΗΗΝΟΛΟ[Γ]ΟΣΚΑΙΟΛΟΓΟΣΗΝΠΡΟΣ[ΤΟΝ]ΘΕΟΝ", LacunaText.reading(r, t));
    }
}
