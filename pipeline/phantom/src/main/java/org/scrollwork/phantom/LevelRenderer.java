package org.scrollwork.phantom;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Renders one resolution of the continuous phantom model into primitive arrays: a scan per beam
 * energy and the papyrus, ink and letter labels, plus each letter's voxel bounding box.
 *
 * <p>Each voxel integrates the model over its own size (partial volume); labels are evaluated at
 * the voxel centre. Slices are rendered in parallel, each with its own noise stream seeded from
 * (seed, level, energy, slice), so the result does not depend on the number of threads. Costs one
 * spiral inversion per voxel, and the material model only within a sheet's thickness of the sheet.
 */
final class LevelRenderer {
    private final PhantomConfig config;
    private final SpiralGeometry geometry;
    private final SheetMaterial material;
    private final TextLayout layout;
    private final int level, nx, ny, nz;
    private final double w;
    private final double[] ringTable, versoFibres;

    /** Output arrays, x fastest. {@code cleanScans} are the scans without detector noise (rings kept). */
    final byte[][] scans, cleanScans;
    final byte[] papyrus, ink, letters;
    /** Per letter: minX, minY, minZ, maxX, maxY, maxZ. */
    final int[] boxes;
    final long[] counts;

    LevelRenderer(PhantomConfig config, SpiralGeometry geometry, SheetMaterial material, TextLayout layout,
                  int level, double voxelUm, int nx, int ny, int nz) {
        this.config = config;
        this.geometry = geometry;
        this.material = material;
        this.layout = layout;
        this.level = level;
        this.w = voxelUm;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        int n = nx * ny * nz;
        scans = new byte[config.beamEnergiesKeV().size()][n];
        cleanScans = new byte[config.beamEnergiesKeV().size()][n];
        papyrus = new byte[n];
        ink = new byte[n];
        letters = new byte[n];
        boxes = new int[layout.letterCount() * 6];
        counts = new long[layout.letterCount()];
        versoFibres = material.versoTable(geometry.sheetLengthUm(), voxelUm);
        ringTable = new double[(int) Math.ceil(Math.hypot(nx, ny) / 2) + 2];
        for (int r = 0; r < ringTable.length; r++) ringTable[r] = XrayModel.ring(config.seed(), level, r, config.ringArtifact());
    }

    /** Renders everything; call once. */
    LevelRenderer render() {
        int[][] sliceBoxes = new int[nz][];
        IntStream.range(0, nz).parallel().forEach(z -> sliceBoxes[z] = renderSlice(z));
        java.util.Arrays.fill(boxes, -1);
        for (int z = 0; z < nz; z++) {
            int[] sb = sliceBoxes[z];
            if (sb == null) continue;
            for (int i = 0; i < counts.length; i++) {
                int c = sb[i * 5 + 4];
                if (c == 0) continue;
                if (counts[i] == 0) {
                    boxes[i * 6] = sb[i * 5]; boxes[i * 6 + 1] = sb[i * 5 + 2]; boxes[i * 6 + 2] = z;
                    boxes[i * 6 + 3] = sb[i * 5 + 1]; boxes[i * 6 + 4] = sb[i * 5 + 3];
                } else {
                    boxes[i * 6] = Math.min(boxes[i * 6], sb[i * 5]);
                    boxes[i * 6 + 1] = Math.min(boxes[i * 6 + 1], sb[i * 5 + 2]);
                    boxes[i * 6 + 3] = Math.max(boxes[i * 6 + 3], sb[i * 5 + 1]);
                    boxes[i * 6 + 4] = Math.max(boxes[i * 6 + 4], sb[i * 5 + 3]);
                }
                boxes[i * 6 + 5] = z;
                counts[i] += c;
            }
        }
        return this;
    }

    /** Renders slice {@code iz}; returns per letter (minX, maxX, minY, maxY, count) or null without ink. */
    private int[] renderSlice(int iz) {
        double z = (iz + 0.5) * w;
        SpiralGeometry.Slice slice = geometry.slice(z);
        SpiralGeometry.SheetPoint p = new SpiralGeometry.SheetPoint();
        float[] mu = new float[nx * ny];
        int[] sb = null;
        double reach = material.maxHalfThickness() + w;
        double stroke = layout.strokeWidthUm();
        double labelStroke = Math.max(stroke, w) / 2;
        double inkDepth = config.inkDepthUm();
        double labelDepth = Math.max(inkDepth, w);
        double recto = material.rectoFibres(z, w);
        int base = iz * nx * ny;
        for (int iy = 0; iy < ny; iy++) {
            double y = (iy + 0.5) * w;
            for (int ix = 0; ix < nx; ix++) {
                slice.locate((ix + 0.5) * w, y, p);
                if (!p.onSheet || Math.abs(p.d) > reach) continue;
                double s = p.s, d = p.d - material.centreOffset(p.s, z);
                double ht = material.halfThickness(s, z);
                double cover = SheetMaterial.overlap(d, w, -ht, ht);
                if (cover == 0) continue;
                double crack = material.crackFraction(s, z, w);
                double delam = material.delaminationFraction(s, z, d, w);
                double solid = Math.max(0, cover * (1 - crack) - delam);
                double att = solid * (material.carbon(s, z) + (d < 0 ? recto : SheetMaterial.lookup(versoFibres, s)));
                boolean isPapyrus = Math.abs(d) < ht && material.crackFraction(s, z, 1e-6) < 0.5
                        && material.delaminationFraction(s, z, d, 1e-6) < 0.5;
                int v = iy * nx + ix;
                if (isPapyrus) papyrus[base + v] = 1;
                double inkLayer = SheetMaterial.overlap(d, w, -ht, -ht + inkDepth);
                boolean inLabelDepth = isPapyrus && d < -ht + labelDepth;
                if (inkLayer > 0 || inLabelDepth) {
                    int letter = layout.letterAt(s, z);
                    if (letter >= 0) {
                        double dist = layout.strokeDistance(letter, s, z);
                        att += config.inkContrast() * inkLayer * (1 - crack) * SheetMaterial.overlap(dist, w, -stroke / 2, stroke / 2);
                        if (inLabelDepth && dist < labelStroke) {
                            ink[base + v] = 1;
                            letters[base + v] = (byte) layout.letterNumber(letter);
                            if (sb == null) sb = newSliceBoxes();
                            int k = letter * 5;
                            if (sb[k + 4] == 0) {
                                sb[k] = ix; sb[k + 1] = ix; sb[k + 2] = iy; sb[k + 3] = iy;
                            } else {
                                sb[k] = Math.min(sb[k], ix); sb[k + 1] = Math.max(sb[k + 1], ix);
                                sb[k + 2] = Math.min(sb[k + 2], iy); sb[k + 3] = Math.max(sb[k + 3], iy);
                            }
                            sb[k + 4]++;
                        }
                    }
                }
                mu[v] = (float) att;
            }
        }
        expose(iz, mu);
        return sb;
    }

    private int[] newSliceBoxes() { return new int[counts.length * 5]; }

    /** Turns a slice of attenuation into grey levels at every energy, with contrast drift, rings and noise. */
    private void expose(int iz, float[] mu) {
        int base = iz * nx * ny;
        double cx = nx / 2.0, cy = ny / 2.0;
        double driftZ = config.contrastDrift() * ((iz + 0.5) / nz - 0.5);
        for (int e = 0; e < scans.length; e++) {
            double energy = config.beamEnergiesKeV().get(e);
            double contrast = XrayModel.papyrusAirContrast(energy);
            double sigma = XrayModel.noiseSigma(config.noise(), energy, config.fineVoxelUm(), w);
            SplittableRandom rnd = new SplittableRandom(ValueNoise.mix(ValueNoise.mix(ValueNoise.mix(config.seed() ^ 0x5CA9L) + level) + e * 1_000_003L + iz));
            double[] noise = sigma > 0 ? noiseField(rnd, sigma) : null;
            byte[] out = scans[e], clean = cleanScans[e];
            for (int iy = 0; iy < ny; iy++) {
                double dy = iy + 0.5 - cy;
                for (int ix = 0; ix < nx; ix++) {
                    int v = iy * nx + ix;
                    double dx = ix + 0.5 - cx;
                    double drift = 1 + driftZ + config.contrastDrift() * ((ix + 0.5) / nx - 0.5);
                    double grey = XrayModel.AIR_GREY + contrast * drift * mu[v] + ringTable[(int) Math.sqrt(dx * dx + dy * dy)];
                    clean[base + v] = XrayModel.toByte(grey);
                    if (noise != null) grey += noise[v];
                    out[base + v] = XrayModel.toByte(grey);
                }
            }
        }
    }

    /**
     * One slice of detector noise with standard deviation {@code sigma}: white, or, with a noise correlation c, white
     * noise filtered with {@code [c, 1, c]} along x and along y (edges repeated) and divided by the filter's gain
     * {@code 1 + 2c^2} (per axis, in variance), so the standard deviation stays {@code sigma}.
     */
    private double[] noiseField(SplittableRandom rnd, double sigma) {
        double[] n = new double[nx * ny];
        for (int i = 0; i < n.length; i++) n[i] = sigma * rnd.nextGaussian();
        double c = config.noiseCorrelation();
        if (c == 0) return n;
        double norm = Math.sqrt(1 + 2 * c * c);
        double[] t = new double[n.length];
        for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
            int i = y * nx + x;
            t[i] = (n[i] + c * (n[y * nx + Math.max(0, x - 1)] + n[y * nx + Math.min(nx - 1, x + 1)])) / norm;
        }
        for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
            int i = y * nx + x;
            n[i] = (t[i] + c * (t[Math.max(0, y - 1) * nx + x] + t[Math.min(ny - 1, y + 1) * nx + x])) / norm;
        }
        return n;
    }
}
