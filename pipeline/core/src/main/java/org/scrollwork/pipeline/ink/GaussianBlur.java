package org.scrollwork.pipeline.ink;

/** A separable Gaussian blur of one image (x fastest), truncated at 3 sigma, edges clamped. */
final class GaussianBlur {
    private GaussianBlur() {}

    /** {@code image} ({@code width} pixels to a row) blurred with {@code sigma} pixels; itself for {@code sigma <= 0}. */
    static double[] plane(double[] image, int width, double sigma) {
        if (sigma <= 0) return image;
        int height = image.length / width, r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
        for (int i = 0; i < k.length; i++) k[i] /= sum;
        double[] rows = new double[image.length], out = new double[image.length];
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) {
            double a = 0;
            for (int i = -r; i <= r; i++) a += k[i + r] * image[y * width + Math.max(0, Math.min(width - 1, x + i))];
            rows[y * width + x] = a;
        }
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) {
            double a = 0;
            for (int i = -r; i <= r; i++) a += k[i + r] * rows[Math.max(0, Math.min(height - 1, y + i)) * width + x];
            out[y * width + x] = a;
        }
        return out;
    }
}
