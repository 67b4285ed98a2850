package org.scrollwork.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.testing.PythonReference;

class ImageQualityTest {
    @TempDir Path dir;

    @Test
    void psnrIsTheClosedFormForAConstantError() {
        double[] a = new double[100], b = new double[100];
        java.util.Arrays.fill(b, 5);
        assertEquals(25.0, ImageQuality.mse(a, b), 0);
        assertEquals(10 * Math.log10(255.0 * 255.0 / 25.0), ImageQuality.psnr(ImageQuality.mse(a, b), 255), 1e-12);
        assertEquals(20 * Math.log10(255 / 10.0), ImageQuality.psnr(100.0, 255), 1e-12);
    }

    @Test
    void ssimOfAnImageWithItselfIsOne() {
        double[] a = noise(40, 30, 1);
        assertEquals(1.0, ImageQuality.ssim(a, a, 40, 30, 255), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ImageQuality.ssim(new double[100], new double[100], 10, 10, 255));
    }

    /** scikit-image's structural_similarity (Debian python3-skimage) on the same pairs is the reference. */
    @Tag("python")
    @Test
    void ssimMatchesScikitImage() throws Exception {
        PythonReference.assumeAvailable("numpy", "skimage");
        int nx = 48, ny = 37;
        double[] a = smooth(noise(nx, ny, 2), nx, ny);
        double[] b = a.clone();
        double[] n = noise(nx, ny, 3);
        for (int i = 0; i < b.length; i++) b[i] = Math.max(0, Math.min(255, 0.8 * b[i] + 0.2 * n[i] + 7));
        write(dir.resolve("a.f64"), a);
        write(dir.resolve("b.f64"), b);
        String script = String.join("\n",
                "import numpy as np",
                "from skimage.metrics import structural_similarity as ssim",
                "a = np.fromfile('a.f64', dtype='<f8').reshape(" + ny + ", " + nx + ")",
                "b = np.fromfile('b.f64', dtype='<f8').reshape(" + ny + ", " + nx + ")",
                "print(repr(ssim(a, b, data_range=255, gaussian_weights=True, sigma=1.5, use_sample_covariance=False)))");
        String out = PythonReference.run(dir, script).trim();
        double reference = Double.parseDouble(out);
        assertEquals(reference, ImageQuality.ssim(a, b, nx, ny, 255), 1e-9);
    }

    private static double[] noise(int nx, int ny, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[nx * ny];
        for (int i = 0; i < a.length; i++) a[i] = r.nextInt(256);
        return a;
    }

    private static double[] smooth(double[] a, int nx, int ny) {
        double[] o = new double[a.length];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double s = 0;
                int c = 0;
                for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
                    int xx = x + dx, yy = y + dy;
                    if (xx < 0 || yy < 0 || xx >= nx || yy >= ny) continue;
                    s += a[yy * nx + xx];
                    c++;
                }
                o[y * nx + x] = s / c;
            }
        }
        return o;
    }

    private static void write(Path p, double[] a) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : a) b.putDouble(v);
        Files.write(p, b.array());
    }
}
