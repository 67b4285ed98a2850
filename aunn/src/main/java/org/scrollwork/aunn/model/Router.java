package org.scrollwork.aunn.model;

/**
 * Top-k routing of a sigma-MoE block: for every input row, the {@code k} experts with the highest scores,
 * best first, ties to the lower expert number. Dropped experts are never chosen, except that a row whose
 * experts are all dropped is routed as if none were.
 */
public final class Router {
    private Router() {}

    /**
     * @param scores  {@code rows x experts} selection scores, row-major
     * @param dropped {@code rows x experts} flags, or null for none
     * @return {@code rows x k} expert numbers, row-major; {@code -1} where a row has fewer than {@code k} experts left
     */
    public static int[] topK(float[] scores, int rows, int experts, int k, boolean[] dropped) {
        if (scores.length != (long) rows * experts) throw new IllegalArgumentException("need rows * experts scores");
        if (k < 1 || k > experts) throw new IllegalArgumentException("k must be in 1.." + experts + ": " + k);
        int[] out = new int[rows * k];
        boolean[] taken = new boolean[experts];
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(taken, false);
            boolean anyLeft = false;
            if (dropped != null) for (int e = 0; e < experts; e++) anyLeft |= !dropped[r * experts + e];
            boolean useDrop = dropped != null && anyLeft;
            for (int j = 0; j < k; j++) {
                int best = -1;
                for (int e = 0; e < experts; e++) {
                    if (taken[e] || (useDrop && dropped[r * experts + e])) continue;
                    if (best < 0 || scores[r * experts + e] > scores[r * experts + best]) best = e;
                }
                out[r * k + j] = best;
                if (best >= 0) taken[best] = true;
            }
        }
        return out;
    }
}
