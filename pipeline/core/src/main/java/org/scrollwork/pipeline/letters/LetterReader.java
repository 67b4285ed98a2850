package org.scrollwork.pipeline.letters;

import java.util.Arrays;

/**
 * Reads one letter from a predicted letter label volume: given, for every voxel of a letter's box, the predicted
 * distribution over label values ({@code 0} = no ink, {@code 1..24} = letter number, as in the phantom's letter label
 * volumes; a 256-way byte distribution works, values above 24 are ignored), it gives a distribution over the 24 letters
 * ({@code Α = index 0 … Ω = index 23}).
 */
public final class LetterReader {
    /** Number of letters (label values 1..24). */
    public static final int LETTERS = 24;

    private LetterReader() {}

    /**
     * Probability mass: {@code p(l) ∝ Σ_v P_v(label = l)} over the box's voxels, label 0 (no ink) left out. Voxels the
     * model thinks blank contribute little. Uniform when the boxes carry no letter mass at all (or there are no voxels).
     *
     * @throws IllegalArgumentException if a voxel's distribution has fewer than 25 entries
     */
    public static double[] byMass(double[][] voxelLabelProbs) {
        double[] p = new double[LETTERS];
        for (double[] v : voxelLabelProbs) {
            check(v);
            for (int l = 0; l < LETTERS; l++) p[l] += v[l + 1];
        }
        return normalizeOrUniform(p);
    }

    /**
     * Votes: every voxel whose most probable label (among all its entries) is a letter votes for it; {@code p(l)} is
     * the share of votes. Uniform without votes.
     */
    public static double[] byVote(double[][] voxelLabelProbs) {
        double[] p = new double[LETTERS];
        for (double[] v : voxelLabelProbs) {
            check(v);
            int best = 0;
            for (int b = 1; b < v.length; b++) if (v[b] > v[best]) best = b;
            if (best >= 1 && best <= LETTERS) p[best - 1]++;
        }
        return normalizeOrUniform(p);
    }

    /** Index (0..23) of the most probable letter; ties go to the earlier letter. */
    public static int best(double[] letterProbs) {
        int b = 0;
        for (int l = 1; l < letterProbs.length; l++) if (letterProbs[l] > letterProbs[b]) b = l;
        return b;
    }

    private static void check(double[] v) {
        if (v.length <= LETTERS) throw new IllegalArgumentException("a voxel's label distribution needs at least 25 entries (labels 0..24), got " + v.length);
    }

    static double[] normalizeOrUniform(double[] p) {
        double s = 0;
        for (double x : p) s += x;
        if (!(s > 0)) {
            Arrays.fill(p, 1.0 / p.length);
            return p;
        }
        for (int l = 0; l < p.length; l++) p[l] /= s;
        return p;
    }
}
