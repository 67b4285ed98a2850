package org.scrollwork.experiments.reconstruction;

import java.util.ArrayList;
import java.util.List;
import org.scrollwork.phantom.LetterTruth;
import org.scrollwork.phantom.VoxelBox;

/**
 * The non-AUNN baseline for reading letters from a scan: nearest template on the grey values of the letter's box.
 *
 * <p>Features: the box's grey values averaged across the sheet (over the horizontal axis along which the box is
 * thinner), giving an image along the sheet (u) × z; u runs in reading direction (the sign taken from the
 * neighbouring letters' box centres on the same line), z from the top of the line; resampled bilinearly to
 * {@value #NU}×{@value #NZ} and standardized (mean 0, variance 1). A class's template is the mean feature of its known
 * letters. The letter distribution is {@code softmax(-|f - t_c|² / T)} over the classes with a template (classes with
 * none get the largest distance), with T chosen by leave-one-out log-likelihood on the known letters.
 */
final class TemplateLetterClassifier {
    static final int NU = 8, NZ = 10;
    private static final double[] TEMPERATURES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

    private final double[][] sums = new double[24][NU * NZ];
    private final int[] counts = new int[24];
    private final List<double[]> knownFeatures = new ArrayList<>();
    private final List<Integer> knownLabels = new ArrayList<>();
    private double temperature = 1;

    /** Adds a known letter (index 0..23) with its feature. */
    void add(double[] feature, int letter) {
        for (int i = 0; i < feature.length; i++) sums[letter][i] += feature[i];
        counts[letter]++;
        knownFeatures.add(feature);
        knownLabels.add(letter);
    }

    /** Chooses T by leave-one-out log-likelihood on the known letters; returns it. */
    double fitTemperature() {
        double bestLl = Double.NEGATIVE_INFINITY;
        for (double t : TEMPERATURES) {
            double ll = 0;
            for (int i = 0; i < knownFeatures.size(); i++) {
                int label = knownLabels.get(i);
                ll += Math.log(Math.max(1e-300, distribution(knownFeatures.get(i), t, label)[label]));
            }
            if (ll > bestLl) { bestLl = ll; temperature = t; }
        }
        return temperature;
    }

    double[] distribution(double[] feature) { return distribution(feature, temperature, -1); }

    /** Softmax of -d²/T; {@code leaveOut} ≥ 0 removes that one known example of its class (for leave-one-out). */
    private double[] distribution(double[] f, double t, int leaveOut) {
        double[] d = new double[24];
        double max = 0;
        boolean[] has = new boolean[24];
        for (int c = 0; c < 24; c++) {
            int n = counts[c] - (c == leaveOut ? 1 : 0);
            if (n == 0) continue;
            has[c] = true;
            double s = 0;
            int li = c == leaveOut ? knownIndexOf(f) : -1;
            for (int i = 0; i < f.length; i++) {
                double mean = (sums[c][i] - (li >= 0 ? knownFeatures.get(li)[i] : 0)) / n;
                s += (f[i] - mean) * (f[i] - mean);
            }
            d[c] = s;
            max = Math.max(max, s);
        }
        double[] p = new double[24];
        double z = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int c = 0; c < 24; c++) {
            if (!has[c]) d[c] = max;
            min = Math.min(min, d[c]);
        }
        for (int c = 0; c < 24; c++) z += p[c] = Math.exp(-(d[c] - min) / t);
        for (int c = 0; c < 24; c++) p[c] /= z;
        return p;
    }

    private int knownIndexOf(double[] f) {
        for (int i = 0; i < knownFeatures.size(); i++) if (knownFeatures.get(i) == f) return i;
        return -1;
    }

    /**
     * The feature of letter {@code i} of {@code letters} from a scan ({@code nx × ny × nz}, x fastest) at the given level.
     */
    static double[] feature(double[] scan, int nx, int ny, List<LetterTruth> letters, int i, int level) {
        LetterTruth lt = letters.get(i);
        VoxelBox b = lt.boxes().get(level);
        boolean alongX = (b.maxX() - b.minX()) >= (b.maxY() - b.minY());
        int sign = readingSign(letters, i, level, alongX);
        int nu = alongX ? b.maxX() - b.minX() + 1 : b.maxY() - b.minY() + 1;
        int nd = alongX ? b.maxY() - b.minY() + 1 : b.maxX() - b.minX() + 1;
        int nzb = b.maxZ() - b.minZ() + 1;
        double[] img = new double[nu * nzb];   // [z from top][u in reading direction]
        for (int zz = 0; zz < nzb; zz++) {
            int z = b.maxZ() - zz;
            for (int uu = 0; uu < nu; uu++) {
                int u = sign > 0 ? uu : nu - 1 - uu;
                double s = 0;
                for (int dd = 0; dd < nd; dd++) {
                    int x = alongX ? b.minX() + u : b.minX() + dd, y = alongX ? b.minY() + dd : b.minY() + u;
                    s += scan[(z * ny + y) * nx + x];
                }
                img[zz * nu + uu] = s / nd;
            }
        }
        double[] f = new double[NU * NZ];
        for (int r = 0; r < NZ; r++) {
            double zr = NZ == 1 ? 0 : r * (nzb - 1) / (double) (NZ - 1);
            for (int c = 0; c < NU; c++) {
                double uc = NU == 1 ? 0 : c * (nu - 1) / (double) (NU - 1);
                f[r * NU + c] = bilinear(img, nu, nzb, uc, zr);
            }
        }
        double mean = 0, var = 0;
        for (double v : f) mean += v;
        mean /= f.length;
        for (double v : f) var += (v - mean) * (v - mean);
        double sd = Math.sqrt(var / f.length);
        for (int k = 0; k < f.length; k++) f[k] = sd > 0 ? (f[k] - mean) / sd : 0;
        return f;
    }

    private static double bilinear(double[] img, int nu, int nz, double u, double z) {
        int u0 = (int) Math.floor(u), z0 = (int) Math.floor(z);
        int u1 = Math.min(u0 + 1, nu - 1), z1 = Math.min(z0 + 1, nz - 1);
        double tu = u - u0, tz = z - z0;
        double a = img[z0 * nu + u0] * (1 - tu) + img[z0 * nu + u1] * tu;
        double b = img[z1 * nu + u0] * (1 - tu) + img[z1 * nu + u1] * tu;
        return a * (1 - tz) + b * tz;
    }

    /** +1 when the text runs towards larger coordinates along the box's long axis, from the neighbours on the same line. */
    private static int readingSign(List<LetterTruth> letters, int i, int level, boolean alongX) {
        LetterTruth me = letters.get(i);
        double before = centre(me.boxes().get(level), alongX), after = before;
        boolean any = false;
        if (i > 0 && sameLine(letters.get(i - 1), me) && !letters.get(i - 1).boxes().get(level).isEmpty()) {
            before = centre(letters.get(i - 1).boxes().get(level), alongX);
            any = true;
        }
        if (i + 1 < letters.size() && sameLine(letters.get(i + 1), me) && !letters.get(i + 1).boxes().get(level).isEmpty()) {
            after = centre(letters.get(i + 1).boxes().get(level), alongX);
            any = true;
        }
        return !any || after >= before ? 1 : -1;
    }

    private static boolean sameLine(LetterTruth a, LetterTruth b) { return a.column() == b.column() && a.line() == b.line(); }

    private static double centre(VoxelBox b, boolean alongX) { return alongX ? (b.minX() + b.maxX()) / 2.0 : (b.minY() + b.maxY()) / 2.0; }
}
