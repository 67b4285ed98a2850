package org.scrollwork.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StrokeFontTest {

    @Test void all24GlyphsRasterizeToDistinctNonEmptyBitmaps() {
        Set<String> seen = new HashSet<>();
        for (int n = 1; n <= 24; n++) {
            boolean[][] b = StrokeFont.rasterize(n, 12, 18, 1.5);
            int on = 0;
            StringBuilder key = new StringBuilder();
            for (boolean[] row : b) {
                for (boolean v : row) {
                    if (v) on++;
                    key.append(v ? '#' : '.');
                }
            }
            assertTrue(on > 10, GreekText.letter(n) + " has only " + on + " pixels");
            assertTrue(on < 12 * 18 / 2, GreekText.letter(n) + " fills " + on + " pixels");
            assertTrue(seen.add(key.toString()), GreekText.letter(n) + " looks like an earlier glyph");
        }
    }

    @Test void iotaIsExactlyTheCentreColumn() {
        // 9 x 13 pixels, stroke 1: the box is 8 x 12, the stroke at x = 4 covers pixel column 4 only, every row.
        boolean[][] b = StrokeFont.rasterize(GreekText.letterNumber('Ι'), 9, 13, 1.0);
        for (boolean[] row : b) {
            for (int col = 0; col < 9; col++) assertEquals(col == 4, row[col]);
        }
    }

    @Test void gammaIsNotMirrored() {
        // Γ: a stem on the left, a bar along the top to the right; nothing at the bottom right.
        boolean[][] b = StrokeFont.rasterize(GreekText.letterNumber('Γ'), 9, 13, 1.0);
        assertTrue(b[12][0], "bottom of the stem");
        assertTrue(b[0][8], "right end of the top bar");
        assertFalse(b[12][8], "bottom right");
    }

    @Test void roundLettersAreLeftRightSymmetric() {
        for (char c : new char[] {'Ο', 'Θ', 'Φ', 'Η', 'Α', 'Μ'}) {
            boolean[][] b = StrokeFont.rasterize(GreekText.letterNumber(c), 9, 13, 1.0);
            for (boolean[] row : b) {
                boolean[] mirrored = new boolean[row.length];
                for (int i = 0; i < row.length; i++) mirrored[i] = row[row.length - 1 - i];
                assertTrue(Arrays.equals(row, mirrored), c + " is not symmetric");
            }
        }
    }

    @Test void distanceIsExactForAStraightStroke() {
        // Ι in a 4 x 6 box: the stroke is the segment x = 2, y in [0, 6].
        int iota = GreekText.letterNumber('Ι');
        assertEquals(1.5, StrokeFont.distance(iota, 3.5, 3, 4, 6), 1e-12);
        assertEquals(5.0, StrokeFont.distance(iota, 5, 10, 4, 6), 1e-12); // 3-4-5 beyond the top end
    }
}
