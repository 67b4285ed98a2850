package org.scrollwork.experiments.aunn.consolidate;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;

/**
 * k-means with k-means++ seeding: Commons Math's {@link KMeansPlusPlusClusterer} (Lloyd's iterations, deterministic
 * for a seed). A cluster left empty during the iterations takes a point of the cluster with the largest variance
 * (Commons Math's default).
 */
public final class KMeans {
    private KMeans() {}

    /**
     * @param iterations at most this many Lloyd iterations after the seeding (0: the k-means++ seeds)
     * @return {@code k} centres (fewer points than {@code k}: each point is a centre, repeated as needed)
     */
    public static double[][] fit(double[][] points, int k, int iterations, long seed) {
        if (points.length == 0) throw new IllegalArgumentException("k-means needs at least one point");
        if (k < 1) throw new IllegalArgumentException("k must be positive: " + k);
        if (iterations < 0) throw new IllegalArgumentException("iterations must not be negative: " + iterations);
        double[][] c = new double[k][];
        if (points.length <= k) {
            // Commons Math needs at least k points; with k or fewer every point is its own cluster
            for (int j = 0; j < k; j++) c[j] = points[j % points.length].clone();
            return c;
        }
        List<DoublePoint> data = new ArrayList<>(points.length);
        for (double[] p : points) data.add(new DoublePoint(p));
        List<CentroidCluster<DoublePoint>> clusters = new KMeansPlusPlusClusterer<DoublePoint>(k, iterations, new EuclideanDistance(), new Well19937c(seed)).cluster(data);
        for (int j = 0; j < k; j++) c[j] = clusters.get(j).getCenter().getPoint().clone();
        return c;
    }

    /** The index of the centre nearest to {@code x} (ties to the lower index), as the clusterer assigns points. */
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
