package org.scrollwork.pipeline.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.testing.PythonReference;

class NonLocalMeansTest {
    @TempDir Path dir;

    /** A ball and a slab of material in air, plus Gaussian noise of {@code sigma} (x fastest). */
    static double[] noisyPhantom(int nx, int ny, int nz, double sigma, long seed) {
        Random r = new Random(seed);
        double[] v = new double[nx * ny * nz];
        for (int z = 0, i = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    double dx = x - nx / 2.0, dy = y - ny / 2.0, dz = (z - nz / 2.0) * 1.5;
                    double clean = 40 + (dx * dx + dy * dy + dz * dz < 36 ? 120 : 0) + (y > ny - 5 ? 60 : 0) + 2 * x;
                    v[i] = clean + sigma * r.nextGaussian();
                }
            }
        }
        return v;
    }

    @Test
    void aConstantVolumeStaysConstant() {
        double[] v = new double[12 * 10 * 8];
        java.util.Arrays.fill(v, 77.5);
        for (double h : new double[] {0.5, 5, 500}) {
            for (double o : NonLocalMeans.denoise(v, 12, 10, 8, h, 3)) assertEquals(77.5, o, 1e-12);
        }
    }

    @Test
    void aVanishingCutOffWithoutNoiseReturnsTheInput() {
        double[] v = noisyPhantom(14, 12, 9, 10, 1);
        assertArrayEquals(v, NonLocalMeans.denoise(v, 14, 12, 9, 1e-6, 0), 0);
        assertArrayEquals(v, NonLocalMeans.denoise(v, 14, 12, 9, 0, 10), 0, "h = 0: the input, whatever σ");
    }

    @Test
    void anUnboundedCutOffReturnsTheMeanOfTheMirroredSearchWindow() {
        int nx = 13, ny = 11, nz = 8, s = NonLocalMeans.SEARCH_RADIUS;
        double[] v = noisyPhantom(nx, ny, nz, 10, 2);
        double[] out = NonLocalMeans.denoise(v, nx, ny, nz, 1e9, 10);
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double sum = 0;
                    for (int c = -s; c <= s; c++) {
                        for (int b = -s; b <= s; b++) {
                            for (int a = -s; a <= s; a++) sum += v[(mirror(z + c, nz) * ny + mirror(y + b, ny)) * nx + mirror(x + a, nx)];
                        }
                    }
                    assertEquals(sum / Math.pow(2 * s + 1, 3), out[(z * ny + y) * nx + x], 1e-6, "voxel " + x + "," + y + "," + z);
                }
            }
        }
    }

    /** One mirror step (the window never reaches further than the volume's side minus one here). */
    private static int mirror(int i, int n) {
        if (i < 0) return -i;
        return i >= n ? 2 * (n - 1) - i : i;
    }

    @Test
    void severalCutOffsAtOnceEqualEachAlone() {
        int nx = 16, ny = 12, nz = 10;
        double[] v = noisyPhantom(nx, ny, nz, 12, 3);
        double[][] both = NonLocalMeans.denoise(v, nx, ny, nz, 1, 5, new double[] {6, 12}, 12);
        assertArrayEquals(NonLocalMeans.denoise(v, nx, ny, nz, 6, 12), both[0], 1e-9);
        assertArrayEquals(NonLocalMeans.denoise(v, nx, ny, nz, 12, 12), both[1], 1e-9);
    }

    @Test
    void denoisingBringsTheVolumeCloserToTheNoiseFreeOne() {
        int nx = 24, ny = 20, nz = 12;
        double[] noisy = noisyPhantom(nx, ny, nz, 15, 4), clean = noisyPhantom(nx, ny, nz, 0, 4);
        double[] out = NonLocalMeans.denoise(noisy, nx, ny, nz, 0.6 * 15, 15);
        double before = ImageQuality.mse(noisy, clean), after = ImageQuality.mse(out, clean);
        assertTrue(after < before / 3, "MSE against the noise-free volume " + before + " before, " + after + " after");
    }

    @Test
    void sigmaOfPureAndStructuredNoiseIsRecovered() {
        Random r = new Random(5);
        double[] pure = new double[40 * 40 * 40];
        for (int i = 0; i < pure.length; i++) pure[i] = 100 + 20 * r.nextGaussian();
        assertEquals(20, NonLocalMeans.estimateSigma(pure, 40, 40, 40), 0.6);
        assertEquals(15, NonLocalMeans.estimateSigma(noisyPhantom(48, 40, 24, 15, 6), 48, 40, 24), 0.6);
        double[] smooth = new double[10 * 8 * 6];
        for (int z = 0, i = 0; z < 6; z++) for (int y = 0; y < 8; y++) for (int x = 0; x < 10; x++, i++) smooth[i] = 3 * x + y * y + x * y + z * z;
        assertEquals(0, NonLocalMeans.estimateSigma(smooth, 10, 8, 6), 0, "no term in x·y·z: every coefficient is 0, no noise");
        assertThrows(IllegalArgumentException.class, () -> NonLocalMeans.estimateSigma(new double[10], 10, 1, 1));
    }

    @Test
    void reflectionIsNumpysReflectPadding() {
        // np.pad(np.arange(4), 9, mode='reflect') = [3 2 1 0 1 2 3 2 1 | 0 1 2 3 | 2 1 0 1 2 3 2 1 0]
        int[] expected = {3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0};
        for (int i = -9; i < 13; i++) assertEquals(expected[i + 9], NonLocalMeans.reflect(i, 4), "index " + i);
        assertEquals(0, NonLocalMeans.reflect(-3, 1));
    }

    /**
     * Two references on a 24×20×12 noisy volume (σ = 15, h = 0.5σ and 0.8σ): a plain numpy evaluation of the class
     * comment's formula (3×3×3 patches from scipy's uniform_filter, reflect padding, exact exp), which this class matches
     * within 1e-9 grey levels on every voxel; and scikit-image's {@code denoise_nl_means(patch_size=3, patch_distance=5,
     * fast_mode=True, sigma=σ)}, which this class switched to scikit-image's 2×2×2 block and approximate exp matches within
     * 1e-6 on every voxel, while the product's formula differs from it by grey levels (the block is not the patch).
     * On a 48×40×24 volume of σ = 15, scikit-image's {@code estimate_sigma} (Daubechies-2 wavelet; 14.32 here) and this
     * class's Haar estimate are both within 1.0 grey level of σ and of each other, the Haar one within 0.6 of σ.
     */
    @Tag("python")
    @Test
    void matchesNumpyAndScikitImage() throws Exception {
        PythonReference.assumeAvailable("numpy", "scipy", "skimage");
        int nx = 24, ny = 20, nz = 12;
        double sigma = 15;
        double[] v = noisyPhantom(nx, ny, nz, sigma, 7);
        write(dir.resolve("v.f64"), v);
        int bx = 48, by = 40, bz = 24;
        double[] big = noisyPhantom(bx, by, bz, sigma, 8);
        write(dir.resolve("big.f64"), big);
        String script = String.join("\n",
                "import numpy as np",
                "from scipy.ndimage import uniform_filter",
                "from skimage.restoration import denoise_nl_means, estimate_sigma",
                "v = np.fromfile('v.f64', dtype='<f8').reshape(" + nz + ", " + ny + ", " + nx + ")",
                "s = " + sigma,
                "R = 7; P = np.pad(v, R, mode='reflect'); n = v.shape",
                "def plain(h):",
                "    acc = np.zeros_like(v); ws = np.zeros_like(v)",
                "    for dz in range(-5, 6):",
                "        for dy in range(-5, 6):",
                "            for dx in range(-5, 6):",
                "                shifted = P[R + dz - 1:R + dz + n[0] + 1, R + dy - 1:R + dy + n[1] + 1, R + dx - 1:R + dx + n[2] + 1]",
                "                here = P[R - 1:R + n[0] + 1, R - 1:R + n[1] + 1, R - 1:R + n[2] + 1]",
                "                ssd = (uniform_filter((here - shifted) ** 2, 3, mode='constant') * 27)[1:-1, 1:-1, 1:-1]",
                "                dist = np.maximum(ssd - 27 * 2 * s * s, 0) / (27 * h * h)",
                "                w = np.where(dist > 5, 0, np.exp(-dist))",
                "                acc += w * shifted[1:-1, 1:-1, 1:-1]; ws += w",
                "    return acc / ws",
                "for f in (0.5, 0.8):",
                "    d = denoise_nl_means(v, patch_size=3, patch_distance=5, h=f * s, sigma=s, fast_mode=True, channel_axis=None, preserve_range=True)",
                "    d.astype('<f8').tofile('skimage-%.1f.f64' % f)",
                "    plain(f * s).astype('<f8').tofile('numpy-%.1f.f64' % f)",
                "b = np.fromfile('big.f64', dtype='<f8').reshape(" + bz + ", " + by + ", " + bx + ")",
                "print(repr(float(estimate_sigma(b, channel_axis=None))))");
        double skimageSigma = Double.parseDouble(PythonReference.run(dir, script).trim());
        double[] hs = {0.5 * sigma, 0.8 * sigma};
        double[][] asScikitImage = NonLocalMeans.denoise(v, nx, ny, nz, 1, 5, hs, sigma, true);
        double[][] product = NonLocalMeans.denoise(v, nx, ny, nz, 1, 5, hs, sigma);
        for (int k = 0; k < hs.length; k++) {
            String f = String.format(java.util.Locale.ROOT, "%.1f.f64", hs[k] / sigma);
            double[] skimage = read(dir.resolve("skimage-" + f), v.length), numpy = read(dir.resolve("numpy-" + f), v.length);
            double maxSkimage = 0, maxNumpy = 0, apart = 0, moved = 0;
            for (int i = 0; i < v.length; i++) {
                maxSkimage = Math.max(maxSkimage, Math.abs(asScikitImage[k][i] - skimage[i]));
                maxNumpy = Math.max(maxNumpy, Math.abs(product[k][i] - numpy[i]));
                apart = Math.max(apart, Math.abs(product[k][i] - skimage[i]));
                moved += Math.abs(numpy[i] - v[i]);
            }
            assertTrue(moved / v.length > 3, "the reference denoises (mean change " + moved / v.length + ")");
            assertTrue(maxNumpy < 1e-9, "h = " + hs[k] + ": largest difference from the numpy formula " + maxNumpy);
            assertTrue(maxSkimage < 1e-6, "h = " + hs[k] + ": largest difference from scikit-image, with its block and exp " + maxSkimage);
            assertTrue(apart > 1, "h = " + hs[k] + ": the product's patches are not scikit-image's blocks, largest difference " + apart);
        }
        double haar = NonLocalMeans.estimateSigma(big, bx, by, bz);
        assertEquals(sigma, skimageSigma, 1.0, "scikit-image's own estimate");
        assertEquals(sigma, haar, 0.6, "the Haar estimate");
        assertEquals(skimageSigma, haar, 1.0, "scikit-image " + skimageSigma + ", Haar " + haar);
    }

    private static void write(Path p, double[] a) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : a) b.putDouble(d);
        Files.write(p, b.array());
    }

    private static double[] read(Path p, int n) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = b.getDouble();
        return a;
    }
}
