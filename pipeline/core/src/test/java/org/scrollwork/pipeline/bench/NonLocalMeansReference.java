package org.scrollwork.pipeline.bench;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * {@code NonLocalMeans} as it was before it used the symmetry of the weights (main at cce46a5): one patch-distance image
 * per offset of the whole search window. Kept for {@link NlmBenchmark} only.
 */
final class NonLocalMeansReference {
    /** The patch radius the held-out-slice baseline uses: 3×3×3 patches (scikit-image's {@code patch_size=3}). */
    public static final int PATCH_RADIUS = 1;
    /** The search radius the held-out-slice baseline uses: an 11×11×11 window (scikit-image's {@code patch_distance=5}). */
    public static final int SEARCH_RADIUS = 5;
    /** Weights with {@code max(d² − 2σ², 0) / h²} above this are dropped (scikit-image's {@code DISTANCE_CUTOFF}). */
    static final double DISTANCE_CUTOFF = 5.0;
    /** Φ⁻¹(0.75): the median of |N(0, σ²)| is this many σ. */
    static final double MAD_TO_SIGMA = 0.6744897501960817;

    private NonLocalMeansReference() {}

    /** The volume denoised with 3×3×3 patches in an 11×11×11 window, cut-off {@code h} and noise σ {@code sigma} (grey levels). */
    public static double[] denoise(double[] volume, int nx, int ny, int nz, double h, double sigma) {
        return denoise(volume, nx, ny, nz, PATCH_RADIUS, SEARCH_RADIUS, new double[] {h}, sigma, false)[0];
    }

    /**
     * The volume denoised once per cut-off in {@code hs} (the patch distances are shared, so several cut-offs cost little
     * more than one). A cut-off of 0 returns the volume unchanged.
     */
    public static double[][] denoise(double[] volume, int nx, int ny, int nz, int patchRadius, int searchRadius, double[] hs, double sigma) {
        return denoise(volume, nx, ny, nz, patchRadius, searchRadius, hs, sigma, false);
    }

    /** As {@link #denoise(double[], int, int, int, int, int, double[], double)}, or, with {@code scikitImage}, as scikit-image 0.19's fast mode computes it (class comment). */
    static double[][] denoise(double[] volume, int nx, int ny, int nz, int patchRadius, int searchRadius, double[] hs, double sigma, boolean scikitImage) {
        if (nx < 1 || ny < 1 || nz < 1 || (long) nx * ny * nz != volume.length) {
            throw new IllegalArgumentException("volume of " + volume.length + " voxels is not " + nx + "×" + ny + "×" + nz);
        }
        if (patchRadius < 0 || searchRadius < 0) throw new IllegalArgumentException("negative patch or search radius");
        if (scikitImage && patchRadius < 1) throw new IllegalArgumentException("scikit-image's block needs a patch radius of at least 1");
        if (!(sigma >= 0) || Double.isInfinite(sigma)) throw new IllegalArgumentException("noise sigma must be finite and ≥ 0, not " + sigma);
        for (double h : hs) if (!(h >= 0)) throw new IllegalArgumentException("cut-off h must be ≥ 0, not " + h);
        int lo = scikitImage ? 1 - patchRadius : -patchRadius, w = scikitImage ? 2 * patchRadius : 2 * patchRadius + 1; // the block summed: q + lo .. q + lo + w - 1
        int r = searchRadius + patchRadius, px = nx + 2 * r, py = ny + 2 * r, pz = nz + 2 * r;
        double[] padded = new double[px * py * pz];
        for (int z = 0; z < pz; z++) {
            int sz = reflect(z - r, nz);
            for (int y = 0; y < py; y++) {
                int sy = reflect(y - r, ny);
                for (int x = 0; x < px; x++) padded[(z * py + y) * px + x] = volume[(sz * ny + sy) * nx + reflect(x - r, nx)];
            }
        }
        boolean schraudolphExp = scikitImage;
        double one = schraudolphExp ? schraudolphExp(0) : 1; // scikit-image's exp(0) is 0.971
        int side = 2 * searchRadius + 1, offsets = side * side * side, n = volume.length;
        double patchVoxels = Math.pow(2 * patchRadius + 1, 3);
        double noise = 2 * sigma * sigma * Math.pow(w, 3); // the expected sum over the block of squared differences of pure noise
        int nh = hs.length;
        double[] inverse = new double[nh]; // 1 / (patch voxels × h²)
        for (int k = 0; k < nh; k++) inverse[k] = hs[k] == 0 ? 0 : 1 / (patchVoxels * hs[k] * hs[k]);
        int tasks = Math.max(1, Math.min(offsets, Runtime.getRuntime().availableProcessors()));
        Geometry g = new Geometry(nx, ny, nz, px, py, r, lo, w);
        double[][][] parts = IntStream.range(0, tasks).parallel().mapToObj(t -> {
            double[][] acc = new double[2 * nh][n]; // per cut-off: weighted sums, then sums of weights
            Buffers b = new Buffers(g);
            for (int o = t; o < offsets; o += tasks) {
                int dx = o % side - searchRadius, dy = (o / side) % side - searchRadius, dz = o / (side * side) - searchRadius;
                double[] ssd = g.blockSsd(padded, dx, dy, dz, b);
                int shift = (dz * py + dy) * px + dx;
                for (int z = 0, i = 0; z < nz; z++) {
                    for (int y = 0; y < ny; y++) {
                        int p = ((z + r) * py + y + r) * px + r;
                        for (int x = 0; x < nx; x++, i++, p++) {
                            double excess = ssd[i] - noise;
                            double value = padded[p + shift];
                            if (excess <= 0) { // within the noise: weight exp(0) at every cut-off
                                for (int k = 0; k < nh; k++) {
                                    acc[2 * k][i] += one * value;
                                    acc[2 * k + 1][i] += one;
                                }
                                continue;
                            }
                            for (int k = 0; k < nh; k++) {
                                if (inverse[k] == 0) continue;
                                double dist = excess * inverse[k];
                                if (dist > DISTANCE_CUTOFF) continue;
                                double weight = schraudolphExp ? schraudolphExp(-dist) : Math.exp(-dist);
                                acc[2 * k][i] += weight * value;
                                acc[2 * k + 1][i] += weight;
                            }
                        }
                    }
                }
            }
            return acc;
        }).toArray(double[][][]::new);
        double[][] out = new double[nh][];
        for (int k = 0; k < nh; k++) {
            if (inverse[k] == 0) {
                out[k] = volume.clone();
                continue;
            }
            double[] o = new double[n];
            for (int i = 0; i < n; i++) {
                double sum = 0, weights = 0;
                for (double[][] part : parts) {
                    sum += part[2 * k][i];
                    weights += part[2 * k + 1][i];
                }
                o[i] = sum / weights; // the zero offset always weighs exp(0) > 0
            }
            out[k] = o;
        }
        return out;
    }

    /** Index {@code i} mirrored into {@code 0..n-1} without repeating the end voxels (numpy's {@code reflect}), repeatedly if need be. */
    static int reflect(int i, int n) {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /** scikit-image's {@code _fast_exp} (Schraudolph 1999, the constant for least RMS error): the high word of the double only. */
    static double schraudolphExp(double y) {
        int high = (int) (1512775.3951951856938 * y) + 1072632447;
        return Double.longBitsToDouble(((long) high) << 32);
    }

    /**
     * A robust estimate of the white-noise σ of a volume: the median absolute value of its finest diagonal Haar wavelet
     * coefficients (one per 2×2×2 block, {@code Σ ±v / 2√2} with the sign of each voxel the product of its parities, so
     * pure noise of σ gives coefficients of σ) divided by Φ⁻¹(0.75) = 0.6745 (Donoho and Johnstone 1994). As scikit-image's
     * {@code estimate_sigma}, which uses the Daubechies-2 wavelet instead, coefficients exactly zero (flat regions) are left
     * out; 0 when every one is. The coefficients vanish where the volume is constant along any one axis within the
     * block, so smooth structure barely moves the median. Trailing odd faces are left out; every side needs two voxels.
     */
    public static double estimateSigma(double[] volume, int nx, int ny, int nz) {
        if ((long) nx * ny * nz != volume.length) throw new IllegalArgumentException("volume of " + volume.length + " voxels is not " + nx + "×" + ny + "×" + nz);
        if (nx < 2 || ny < 2 || nz < 2) throw new IllegalArgumentException("estimating the noise needs at least 2 voxels along each axis, not " + nx + "×" + ny + "×" + nz);
        double[] c = new double[(nx / 2) * (ny / 2) * (nz / 2)];
        int m = 0;
        int sx = 1, sy = nx, sz = nx * ny;
        for (int z = 0; z + 1 < nz; z += 2) {
            for (int y = 0; y + 1 < ny; y += 2) {
                for (int x = 0; x + 1 < nx; x += 2) {
                    int i = (z * ny + y) * nx + x;
                    double d = volume[i] - volume[i + sx] - volume[i + sy] + volume[i + sx + sy]
                            - volume[i + sz] + volume[i + sx + sz] + volume[i + sy + sz] - volume[i + sx + sy + sz];
                    if (d != 0) c[m++] = Math.abs(d) / (2 * Math.sqrt(2));
                }
            }
        }
        if (m == 0) return 0;
        double[] a = Arrays.copyOf(c, m);
        Arrays.sort(a);
        double median = m % 2 == 1 ? a[m / 2] : (a[m / 2 - 1] + a[m / 2]) / 2;
        return median / MAD_TO_SIGMA;
    }

    /** The sizes one offset's block sums work over: the volume, the padded volume (margin {@code r}), the block {@code lo .. lo + w - 1}. */
    private record Geometry(int nx, int ny, int nz, int px, int py, int r, int lo, int w) {
        /**
         * Σ over the block of (P[q + a] − P[q + u + a])² for every voxel q of the volume (x fastest, the volume's shape), from
         * the padded volume {@code padded}.
         */
        double[] blockSsd(double[] padded, int dx, int dy, int dz, Buffers b) {
            int ex = nx + w - 1, ey = ny + w - 1, ez = nz + w - 1; // the squared differences the volume's blocks cover
            double[] d = b.diff;
            int shift = (dz * py + dy) * px + dx;
            for (int z = 0, i = 0; z < ez; z++) {
                for (int y = 0; y < ey; y++) {
                    int p = ((z + r + lo) * py + y + r + lo) * px + r + lo;
                    for (int x = 0; x < ex; x++, i++, p++) {
                        double t = padded[p] - padded[p + shift];
                        d[i] = t * t;
                    }
                }
            }
            double[] sx = b.sumX; // along x: nx × ey × ez
            for (int row = 0; row < ey * ez; row++) {
                int in = row * ex, out = row * nx;
                double s = 0;
                for (int x = 0; x < w; x++) s += d[in + x];
                sx[out] = s;
                for (int x = 1; x < nx; x++) {
                    s += d[in + x + w - 1] - d[in + x - 1];
                    sx[out + x] = s;
                }
            }
            double[] sy = b.sumY; // along y: nx × ny × ez
            for (int z = 0; z < ez; z++) {
                for (int x = 0; x < nx; x++) {
                    int in = z * ey * nx + x, out = z * ny * nx + x;
                    double s = 0;
                    for (int y = 0; y < w; y++) s += sx[in + y * nx];
                    sy[out] = s;
                    for (int y = 1; y < ny; y++) {
                        s += sx[in + (y + w - 1) * nx] - sx[in + (y - 1) * nx];
                        sy[out + y * nx] = s;
                    }
                }
            }
            double[] sz = b.sum; // along z: nx × ny × nz
            int plane = nx * ny;
            for (int i = 0; i < plane; i++) {
                double s = 0;
                for (int z = 0; z < w; z++) s += sy[i + z * plane];
                sz[i] = s;
                for (int z = 1; z < nz; z++) {
                    s += sy[i + (z + w - 1) * plane] - sy[i + (z - 1) * plane];
                    sz[i + z * plane] = s;
                }
            }
            return sz;
        }
    }

    /** One task's scratch arrays. */
    private static final class Buffers {
        final double[] diff, sumX, sumY, sum;

        Buffers(Geometry g) {
            int ex = g.nx() + g.w() - 1, ey = g.ny() + g.w() - 1, ez = g.nz() + g.w() - 1;
            diff = new double[ex * ey * ez];
            sumX = new double[g.nx() * ey * ez];
            sumY = new double[g.nx() * g.ny() * ez];
            sum = new double[g.nx() * g.ny() * g.nz()];
        }
    }
}
