package org.scrollwork.pipeline.letters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LetterReaderTest {
    private static double[] voxel(double... labelProbs) {
        double[] p = new double[256];
        System.arraycopy(labelProbs, 0, p, 0, labelProbs.length);
        return p;
    }

    @Test
    void massSumsLetterProbabilitiesAndLeavesOutBlank() {
        // voxel 1: blank 0.9, Α 0.1; voxel 2: blank 0.2, Α 0.3, Β 0.5  ->  Α 0.4, Β 0.5 of 0.9
        double[] p = LetterReader.byMass(new double[][] {voxel(0.9, 0.1), voxel(0.2, 0.3, 0.5)});
        double[] expected = new double[24];
        expected[0] = 0.4 / 0.9;
        expected[1] = 0.5 / 0.9;
        assertArrayEquals(expected, p, 1e-12);
        assertEquals(1, LetterReader.best(p));
    }

    @Test
    void votesCountVoxelsWhoseBestLabelIsALetter() {
        // voxel 1 is blank (0.9 wins), voxel 2 and 3 vote Β and Ω
        double[] omega = voxel(0.1);
        omega[24] = 0.9;
        double[] p = LetterReader.byVote(new double[][] {voxel(0.9, 0.1), voxel(0.2, 0.3, 0.5), omega});
        assertEquals(0.5, p[1], 1e-12);
        assertEquals(0.5, p[23], 1e-12);
        assertEquals(1.0, java.util.Arrays.stream(p).sum(), 1e-12);
    }

    @Test
    void noLetterEvidenceGivesUniform() {
        double[] p = LetterReader.byMass(new double[][] {voxel(1.0)});
        for (double x : p) assertEquals(1.0 / 24, x, 1e-15);
        for (double x : LetterReader.byVote(new double[0][])) assertEquals(1.0 / 24, x, 1e-15);
        assertThrows(IllegalArgumentException.class, () -> LetterReader.byMass(new double[][] {new double[10]}));
    }

    @Test
    void characterErrorRateIsEditDistanceOverReferenceLength() {
        assertEquals(3, CharacterErrorRate.distance("KITTEN", "SITTING"));
        assertEquals(0.5, CharacterErrorRate.of("ΑΒΓΔ", "ΑΧΓΨ"), 1e-15);
        assertEquals(0.25, CharacterErrorRate.of("ΑΒΓΔ", "ΑΓΔ"), 1e-15);
    }
}
