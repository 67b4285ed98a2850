package org.scrollwork.pipeline.eval;

/**
 * Binary segmentation scores as the Vesuvius Challenge scores ink: precision, recall, F0.5 (precision
 * weighted above recall: {@code 1.25 P R / (0.25 P + R)}) and Dice ({@code 2 |A∩B| / (|A| + |B|)}, = F1).
 *
 * @param truePositives  voxels predicted ink that are ink
 * @param falsePositives voxels predicted ink that are not
 * @param falseNegatives ink voxels predicted not ink
 * @param trueNegatives  the rest
 */
public record InkScores(long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

    /** Counts from parallel arrays of truth and prediction (non-zero = ink). */
    public static InkScores of(boolean[] truth, boolean[] predicted) {
        if (truth.length != predicted.length) throw new IllegalArgumentException(truth.length + " truth voxels, " + predicted.length + " predicted");
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i]) { if (truth[i]) tp++; else fp++; } else { if (truth[i]) fn++; else tn++; }
        }
        return new InkScores(tp, fp, fn, tn);
    }

    /** TP / (TP + FP); 0 when nothing is predicted ink. */
    public double precision() { return truePositives + falsePositives == 0 ? 0 : truePositives / (double) (truePositives + falsePositives); }

    /** TP / (TP + FN); 0 when there is no ink. */
    public double recall() { return truePositives + falseNegatives == 0 ? 0 : truePositives / (double) (truePositives + falseNegatives); }

    /** F-beta with beta = 0.5; 0 when precision and recall are both 0. */
    public double f05() {
        double p = precision(), r = recall();
        return p + r == 0 ? 0 : 1.25 * p * r / (0.25 * p + r);
    }

    /** Dice coefficient; 1 when both truth and prediction are empty. */
    public double dice() {
        long denom = 2 * truePositives + falsePositives + falseNegatives;
        return denom == 0 ? 1 : 2.0 * truePositives / denom;
    }
}
