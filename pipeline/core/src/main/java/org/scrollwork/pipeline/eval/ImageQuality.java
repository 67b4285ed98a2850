package org.scrollwork.pipeline.eval;

/**
 * Image quality scores of a reconstruction against the truth, on 2-D slices stored x fastest.
 *
 * <p>SSIM follows Wang et al. (2004) as scikit-image's {@code structural_similarity} computes it with
 * {@code gaussian_weights=True, sigma=1.5, use_sample_covariance=False}: local means, variances and
 * covariance under an 11-tap Gaussian window (σ = 1.5, truncated at 3.5σ), constants
 * {@code C1 = (0.01 L)², C2 = (0.03 L)²}, and the mean of the SSIM map over the pixels at least 5 from
 * every border (where the window lies inside the image).
 */
public final class ImageQuality {
    private static final double SIGMA = 1.5;
    private static final int RADIUS = (int) (3.5 * SIGMA + 0.5);

    private ImageQuality() {}

    /** Mean squared error of two equally long arrays. */
    public static double mse(double[] a, double[] b) {
        if (a.length != b.length || a.length == 0) throw new IllegalArgumentException("need two non-empty arrays of equal length");
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s / a.length;
    }

    /** Peak signal-to-noise ratio in dB for data range {@code range} (255 for 8-bit); infinite when equal. */
    public static double psnr(double mse, double range) { return 10 * Math.log10(range * range / mse); }

    /** PSNR in dB of {@code test} against {@code truth} for data range {@code range}. */
    public static double psnr(double[] truth, double[] test, double range) { return psnr(mse(truth, test), range); }

    /**
     * Mean SSIM of two {@code nx × ny} images (x fastest) with data range {@code range}.
     *
     * @throws IllegalArgumentException if the images are smaller than the 11 × 11 window
     */
    public static double ssim(double[] truth, double[] test, int nx, int ny, double range) {
        if (truth.length != (long) nx * ny || test.length != truth.length) throw new IllegalArgumentException("images must both be " + nx + "×" + ny);
        int w = 2 * RADIUS + 1;
        if (nx < w || ny < w) throw new IllegalArgumentException("SSIM needs images of at least " + w + "×" + w + ", got " + nx + "×" + ny);
        double[] k = new double[w];
        double sum = 0;
        for (int i = -RADIUS; i <= RADIUS; i++) sum += k[i + RADIUS] = Math.exp(-0.5 * i * i / (SIGMA * SIGMA));
        for (int i = 0; i < w; i++) k[i] /= sum;
        double[] aa = new double[truth.length], bb = new double[truth.length], ab = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            aa[i] = truth[i] * truth[i];
            bb[i] = test[i] * test[i];
            ab[i] = truth[i] * test[i];
        }
        double[] ma = blur(truth, nx, ny, k), mb = blur(test, nx, ny, k);
        double[] saa = blur(aa, nx, ny, k), sbb = blur(bb, nx, ny, k), sab = blur(ab, nx, ny, k);
        double c1 = Math.pow(0.01 * range, 2), c2 = Math.pow(0.03 * range, 2);
        double total = 0;
        long n = 0;
        for (int y = RADIUS; y < ny - RADIUS; y++) {
            for (int x = RADIUS; x < nx - RADIUS; x++) {
                int i = y * nx + x;
                double va = saa[i] - ma[i] * ma[i], vb = sbb[i] - mb[i] * mb[i], cov = sab[i] - ma[i] * mb[i];
                total += (2 * ma[i] * mb[i] + c1) * (2 * cov + c2) / ((ma[i] * ma[i] + mb[i] * mb[i] + c1) * (va + vb + c2));
                n++;
            }
        }
        return total / n;
    }

    /** Separable Gaussian filter; only pixels whose window lies inside the image are computed (the rest stay 0). */
    private static double[] blur(double[] img, int nx, int ny, double[] k) {
        double[] rows = new double[img.length];
        for (int y = 0; y < ny; y++) {
            for (int x = RADIUS; x < nx - RADIUS; x++) {
                double s = 0;
                for (int j = -RADIUS; j <= RADIUS; j++) s += k[j + RADIUS] * img[y * nx + x + j];
                rows[y * nx + x] = s;
            }
        }
        double[] out = new double[img.length];
        for (int y = RADIUS; y < ny - RADIUS; y++) {
            for (int x = RADIUS; x < nx - RADIUS; x++) {
                double s = 0;
                for (int j = -RADIUS; j <= RADIUS; j++) s += k[j + RADIUS] * rows[(y + j) * nx + x];
                out[y * nx + x] = s;
            }
        }
        return out;
    }
}
