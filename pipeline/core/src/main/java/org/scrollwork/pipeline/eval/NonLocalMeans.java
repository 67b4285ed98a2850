package org.scrollwork.pipeline.eval;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Non-local means denoising of a 3-D volume ({@code nx × ny × nz}, x fastest), as scikit-image's
 * {@code denoise_nl_means(..., fast_mode=True, sigma=σ)} computes it for a grey volume (Darbon et al. 2008): each voxel
 * becomes the weighted mean of the voxels {@code q + u} of its search window ({@code |u|} at most the search radius
 * along every axis, the voxel itself included), with weight
 * <pre>  w = exp(−max(d² − 2σ², 0) / h²),   d² = the mean over the patch of (V[q + a] − V[q + u + a])²</pre>
 * over the cubic patch {@code a} of the patch radius; a weight whose exponent is below −{@value #DISTANCE_CUTOFF} is
 * dropped, as there. The volume is extended beyond its faces by mirroring without repeating the face voxel (numpy's
 * {@code reflect} padding, as scikit-image pads). Patch distances come from box sums of the squared difference per
 * offset (the integral-image trick of the fast mode, here as three running sums), so the cost is the window's voxel count
 * per voxel, whatever the patch size. As there, the weights are symmetric, w(q, q + u) = w(q + u, q), so the offsets u
 * and −u share one distance image (over the voxels q with q or q + u in the volume) that adds to both ends: half the
 * distances and {@code exp}s. Offsets are spread over the cores.
 *
 * <p>Two differences from scikit-image 0.19 (Debian's), on purpose: its fast mode sums the squared differences over the
 * 2×2×2 block {@code q .. q + 1} rather than the centred patch (its box sum reads the integral image at {@code q − 1}
 * where {@code q − 2} would give the 3×3×3 patch) while still dividing by 27, so its distances are about 8/27 of these and
 * its {@code h} acts like this class's {@code h} × √(8/27) ≈ 0.54; and it evaluates {@code exp} with Schraudolph's
 * bit-trick approximation (up to about 4 % off). {@code NonLocalMeansTest} checks this class against a plain numpy
 * evaluation of the formula above, and, switched to scikit-image's block and exp, against scikit-image itself.
 *
 * <p>{@link #estimateSigma} gives the noise σ the weights use when it is not known.
 */
public final class NonLocalMeans {
    /** The patch radius the held-out-slice baseline uses: 3×3×3 patches (scikit-image's {@code patch_size=3}). */
    public static final int PATCH_RADIUS = 1;
    /** The search radius the held-out-slice baseline uses: an 11×11×11 window (scikit-image's {@code patch_distance=5}). */
    public static final int SEARCH_RADIUS = 5;
    /** Weights with {@code max(d² − 2σ², 0) / h²} above this are dropped (scikit-image's {@code DISTANCE_CUTOFF}). */
    static final double DISTANCE_CUTOFF = 5.0;
    /** Φ⁻¹(0.75): the median of |N(0, σ²)| is this many σ. */
    static final double MAD_TO_SIGMA = 0.6744897501960817;

    private NonLocalMeans() {}

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
        // w(q, q + u) = w(q + u, q): each pair of offsets ±u shares one distance image, over the voxels q with q or q + u
        // in the volume, and adds to both ends; the zero offset (weight exp(0) everywhere) is added at the end
        int center = offsets / 2, half = offsets - 1 - center;
        int tasks = Math.max(1, Math.min(half, Runtime.getRuntime().availableProcessors()));
        Geometry g = new Geometry(nx, ny, nz, px, py, r, lo, w, searchRadius);
        double[][][] parts = IntStream.range(0, tasks).parallel().mapToObj(t -> {
            double[][] acc = new double[2 * nh][n]; // per cut-off: weighted sums, then sums of weights
            Buffers b = new Buffers(g);
            double[] weight = new double[nh];
            for (int o = center + 1 + t; o < offsets; o += tasks) {
                int dx = o % side - searchRadius, dy = (o / side) % side - searchRadius, dz = o / (side * side) - searchRadius;
                // the voxels q with q or q + u in the volume lie in the box ox .. ox + mx - 1 (and so on)
                int ox = Math.min(0, -dx), oy = Math.min(0, -dy), oz = Math.min(0, -dz);
                int mx = nx + Math.abs(dx), my = ny + Math.abs(dy), mz = nz + Math.abs(dz);
                double[] ssd = g.blockSsd(padded, dx, dy, dz, ox, oy, oz, mx, my, mz, b);
                int shift = (dz * py + dy) * px + dx;
                for (int z = oz, j = 0; z < oz + mz; z++) {
                    boolean zq = z >= 0 && z < nz, zu = z + dz >= 0 && z + dz < nz;
                    for (int y = oy; y < oy + my; y++, j += mx) {
                        boolean rowQ = zq && y >= 0 && y < ny, rowU = zu && y + dy >= 0 && y + dy < ny;
                        if (!rowQ && !rowU) continue;
                        int p = ((z + r) * py + y + r) * px + ox + r;
                        int iq = (z * ny + y) * nx + ox, iu = ((z + dz) * ny + y + dy) * nx + ox + dx;
                        for (int x = ox, jj = j; x < ox + mx; x++, jj++, p++, iq++, iu++) {
                            boolean inQ = rowQ && x >= 0 && x < nx, inU = rowU && x + dx >= 0 && x + dx < nx;
                            if (!inQ && !inU) continue;
                            double excess = ssd[jj] - noise;
                            boolean any = false;
                            for (int k = 0; k < nh; k++) {
                                double wk;
                                if (excess <= 0) wk = one; // within the noise: weight exp(0) at every cut-off
                                else if (inverse[k] == 0) wk = 0;
                                else {
                                    double dist = excess * inverse[k];
                                    wk = dist > DISTANCE_CUTOFF ? 0 : schraudolphExp ? schraudolphExp(-dist) : Math.exp(-dist);
                                }
                                weight[k] = wk;
                                any |= wk != 0;
                            }
                            if (!any) continue;
                            if (inQ) {
                                double value = padded[p + shift];
                                for (int k = 0; k < nh; k++) {
                                    acc[2 * k][iq] += weight[k] * value;
                                    acc[2 * k + 1][iq] += weight[k];
                                }
                            }
                            if (inU) {
                                double value = padded[p];
                                for (int k = 0; k < nh; k++) {
                                    acc[2 * k][iu] += weight[k] * value;
                                    acc[2 * k + 1][iu] += weight[k];
                                }
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
                double sum = one * volume[i], weights = one; // the zero offset
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

    /**
     * The sizes one offset's block sums work over: the volume, the padded volume (margin {@code r}), the block
     * {@code lo .. lo + w - 1}, the search radius.
     */
    private record Geometry(int nx, int ny, int nz, int px, int py, int r, int lo, int w, int searchRadius) {
        /**
         * Σ over the block of (P[q + a] − P[q + u + a])² for the voxels q of the box {@code ox .. ox + mx - 1} ×
         * {@code oy .. oy + my - 1} × {@code oz .. oz + mz - 1} (volume coordinates, x fastest), from the padded volume
         * {@code padded}; the box may reach {@code searchRadius} beyond the volume.
         */
        double[] blockSsd(double[] padded, int dx, int dy, int dz, int ox, int oy, int oz, int mx, int my, int mz, Buffers b) {
            int ex = mx + w - 1, ey = my + w - 1, ez = mz + w - 1; // the squared differences the box's blocks cover
            double[] d = b.diff;
            int shift = (dz * py + dy) * px + dx;
            for (int z = 0, i = 0; z < ez; z++) {
                for (int y = 0; y < ey; y++) {
                    int p = ((z + oz + r + lo) * py + y + oy + r + lo) * px + ox + r + lo;
                    for (int x = 0; x < ex; x++, i++, p++) {
                        double t = padded[p] - padded[p + shift];
                        d[i] = t * t;
                    }
                }
            }
            double[] sx = b.sumX; // along x: mx × ey × ez
            for (int row = 0; row < ey * ez; row++) {
                int in = row * ex, out = row * mx;
                double s = 0;
                for (int x = 0; x < w; x++) s += d[in + x];
                sx[out] = s;
                for (int x = 1; x < mx; x++) {
                    s += d[in + x + w - 1] - d[in + x - 1];
                    sx[out + x] = s;
                }
            }
            double[] sy = b.sumY; // along y: mx × my × ez
            for (int z = 0; z < ez; z++) {
                for (int x = 0; x < mx; x++) {
                    int in = z * ey * mx + x, out = z * my * mx + x;
                    double s = 0;
                    for (int y = 0; y < w; y++) s += sx[in + y * mx];
                    sy[out] = s;
                    for (int y = 1; y < my; y++) {
                        s += sx[in + (y + w - 1) * mx] - sx[in + (y - 1) * mx];
                        sy[out + y * mx] = s;
                    }
                }
            }
            double[] sz = b.sum; // along z: mx × my × mz
            int plane = mx * my;
            for (int i = 0; i < plane; i++) {
                double s = 0;
                for (int z = 0; z < w; z++) s += sy[i + z * plane];
                sz[i] = s;
                for (int z = 1; z < mz; z++) {
                    s += sy[i + (z + w - 1) * plane] - sy[i + (z - 1) * plane];
                    sz[i + z * plane] = s;
                }
            }
            return sz;
        }
    }

    /** One task's scratch arrays, for the largest box (the volume grown by the search radius along every axis). */
    private static final class Buffers {
        final double[] diff, sumX, sumY, sum;

        Buffers(Geometry g) {
            int mx = g.nx() + g.searchRadius(), my = g.ny() + g.searchRadius(), mz = g.nz() + g.searchRadius();
            int ex = mx + g.w() - 1, ey = my + g.w() - 1, ez = mz + g.w() - 1;
            diff = new double[ex * ey * ez];
            sumX = new double[mx * ey * ez];
            sumY = new double[mx * my * ez];
            sum = new double[mx * my * mz];
        }
    }
}
