package org.scrollwork.experiments.aunn.consolidate;

import org.scrollwork.aunn.model.SplitMix64;

/**
 * Lloyd's k-means with k-means++ seeding (deterministic for a seed). An empty cluster keeps its previous centre.
 */
public final class KMeans {
    private KMeans() {}

    /**
     * @return {@code k} centres (fewer points than {@code k}: each point is a centre, repeated as needed)
     */
    public static double[][] fit(double[][] points, int k, int iterations, long seed) {
        if (points.length == 0) throw new IllegalArgumentException("k-means needs at least one point");
        if (k < 1) throw new IllegalArgumentException("k must be positive: " + k);
        int d = points[0].length;
        SplitMix64 rng = SplitMix64.forKey(seed, 61, k);
        double[][] c = new double[k][];
        c[0] = points[(int) rng.nextLong(points.length)].clone();
        double[] dist = new double[points.length];
        for (int i = 0; i < points.length; i++) dist[i] = sq(points[i], c[0]);
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (double v : dist) total += v;
            int pick;
            if (total <= 0) {
                pick = (int) rng.nextLong(points.length);
            } else {
                double u = rng.nextDouble() * total;
                pick = points.length - 1;
                for (int i = 0; i < points.length; i++) {
                    u -= dist[i];
                    if (u < 0) {
                        pick = i;
                        break;
                    }
                }
            }
            c[j] = points[pick].clone();
            for (int i = 0; i < points.length; i++) dist[i] = Math.min(dist[i], sq(points[i], c[j]));
        }
        int[] assign = new int[points.length];
        for (int it = 0; it < iterations; it++) {
            boolean changed = false;
            for (int i = 0; i < points.length; i++) {
                int a = nearest(c, points[i]);
                if (a != assign[i] || it == 0) changed |= a != assign[i];
                assign[i] = a;
            }
            double[][] sum = new double[k][d];
            int[] n = new int[k];
            for (int i = 0; i < points.length; i++) {
                n[assign[i]]++;
                for (int q = 0; q < d; q++) sum[assign[i]][q] += points[i][q];
            }
            for (int j = 0; j < k; j++) {
                if (n[j] == 0) continue;
                for (int q = 0; q < d; q++) c[j][q] = sum[j][q] / n[j];
            }
            if (!changed && it > 0) break;
        }
        return c;
    }

    /** The index of the centre nearest to {@code x} (ties to the lower index). */
    public static int nearest(double[][] centres, double[] x) {
        int best = 0;
        double bd = Double.POSITIVE_INFINITY;
        for (int j = 0; j < centres.length; j++) {
            double dd = sq(centres[j], x);
            if (dd < bd) {
                bd = dd;
                best = j;
            }
        }
        return best;
    }

    private static double sq(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return s;
    }
}
