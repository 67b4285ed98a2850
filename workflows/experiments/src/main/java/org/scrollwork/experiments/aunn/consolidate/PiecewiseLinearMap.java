package org.scrollwork.experiments.aunn.consolidate;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

import java.util.ArrayList;
import java.util.List;

/**
 * A piecewise-affine map {@code y = A_c x + b_c}, the piece {@code c} chosen by the nearest of {@code k} centres
 * (k-means of the inputs). Each piece is fitted by least squares with the Moore–Penrose pseudo-inverse (Commons
 * Math SVD), so a piece with fewer points than inputs gets the minimum-norm solution.
 *
 * @param centres  {@code [k][in]}
 * @param weights  {@code [k][out][in]}
 * @param biases   {@code [k][out]}
 */
public record PiecewiseLinearMap(double[][] centres, double[][][] weights, double[][] biases) {

    public int pieces() {
        return centres.length;
    }

    /**
     * Fits {@code k} pieces to pairs {@code (x[i], y[i])}.
     *
     * @param iterations k-means iterations
     */
    public static PiecewiseLinearMap fit(double[][] x, double[][] y, int k, int iterations, long seed) {
        if (x.length != y.length || x.length == 0) throw new IllegalArgumentException("need as many outputs as inputs, and at least one");
        double[][] centres = KMeans.fit(x, k, iterations, seed);
        int in = x[0].length, out = y[0].length;
        List<List<Integer>> members = new ArrayList<>();
        for (int j = 0; j < centres.length; j++) members.add(new ArrayList<>());
        for (int i = 0; i < x.length; i++) members.get(KMeans.nearest(centres, x[i])).add(i);
        double[][][] w = new double[centres.length][out][in];
        double[][] b = new double[centres.length][out];
        for (int j = 0; j < centres.length; j++) {
            List<Integer> m = members.get(j);
            if (m.isEmpty()) continue; // never chosen by nearest(): leave it zero
            double[][] design = new double[m.size()][in + 1];
            double[][] target = new double[m.size()][];
            for (int r = 0; r < m.size(); r++) {
                System.arraycopy(x[m.get(r)], 0, design[r], 0, in);
                design[r][in] = 1;
                target[r] = y[m.get(r)];
            }
            RealMatrix pinv = new SingularValueDecomposition(new Array2DRowRealMatrix(design, false)).getSolver().getInverse();
            RealMatrix sol = pinv.multiply(new Array2DRowRealMatrix(target, false)); // [in + 1, out]
            for (int o = 0; o < out; o++) {
                for (int q = 0; q < in; q++) w[j][o][q] = sol.getEntry(q, o);
                b[j][o] = sol.getEntry(in, o);
            }
        }
        return new PiecewiseLinearMap(centres, w, b);
    }

    /** The piece {@code x} falls in. */
    public int piece(double[] x) {
        return KMeans.nearest(centres, x);
    }

    /** {@code A_c x + b_c} for the nearest centre {@code c}. */
    public double[] apply(double[] x) {
        int c = piece(x);
        double[] y = biases[c].clone();
        for (int o = 0; o < y.length; o++) {
            double s = 0;
            for (int q = 0; q < x.length; q++) s += weights[c][o][q] * x[q];
            y[o] += s;
        }
        return y;
    }
}
