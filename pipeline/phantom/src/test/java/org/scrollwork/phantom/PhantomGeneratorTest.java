package org.scrollwork.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ForkJoinPool;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelSize;

class PhantomGeneratorTest {
    private static PhantomConfig config;
    private static Phantom phantom;

    @BeforeAll static void generate() {
        config = PhantomConfig.defaults();
        phantom = PhantomGenerator.generate(config);
    }

    private static String sha256(Phantom p) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (PhantomVolume v : p.volumes()) {
            md.update(v.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(PhantomLevel.voxels(v.volume()));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test void sameSeedGivesIdenticalBytesOnAnyNumberOfThreads() throws Exception {
        String a = sha256(phantom);
        assertEquals(a, sha256(PhantomGenerator.generate(PhantomConfig.defaults())));
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            assertEquals(a, sha256(one.submit(() -> PhantomGenerator.generate(PhantomConfig.defaults())).get()));
        } finally {
            one.shutdown();
        }
        assertEquals(phantom.groundTruth(), PhantomGenerator.generate(PhantomConfig.defaults()).groundTruth());
    }

    @Test void differentSeedGivesDifferentBytes() throws Exception {
        Phantom other = PhantomGenerator.generate(config.withSeed(2));
        assertNotEquals(sha256(phantom), sha256(other));
        // not just the noise: the geometry differs too
        assertFalse(java.util.Arrays.equals(PhantomLevel.voxels(phantom.fine().papyrus()), PhantomLevel.voxels(other.fine().papyrus())));
    }

    @Test void sheetAreaMatchesTheClosedForm() {
        PhantomChecks.sheetAreaMatchesTheClosedForm(config, phantom);
    }

    @Test void windsAreSeparatedByAir() {
        PhantomChecks.windsAreSeparatedByAir(config, phantom);
    }

    @Test void inkLiesInPapyrusAtItsSurface() {
        PhantomChecks.inkLiesInPapyrusAtItsSurface(config, phantom);
    }

    @Test void everyWrittenLetterIsInTheLabelsAndTheCountsAgree() {
        PhantomChecks.letterLabelsAgreeWithTheTruth(config, phantom);
    }

    @Test void labelAtALettersStrokesIsThatLetter() {
        // Walk each letter's strokes from its ground-truth (s, z) box, map them through the geometry onto the
        // recto surface, and read the fine letter label there: never another letter, mostly this one.
        GroundTruth gt = phantom.groundTruth();
        SpiralGeometry g = new SpiralGeometry(config);
        SheetMaterial m = new SheetMaterial(config, g.sheetLengthUm());
        byte[] labels = PhantomLevel.voxels(phantom.fine().letters());
        int nx = config.sizeX(), ny = config.sizeY();
        double um = config.fineVoxelUm(), step = 1.0, stroke = gt.strokeWidthUm();
        double[] xy = new double[2];
        long hits = 0, blanks = 0;
        for (LetterTruth t : gt.letters()) {
            double s0 = t.sUm() - t.widthUm() / 2, z0 = t.zUm() - t.heightUm() / 2;
            for (double ds = 0; ds <= t.widthUm(); ds += step) {
                for (double dz = 0; dz <= t.heightUm(); dz += step) {
                    if (StrokeFont.distance(t.letterNumber(), ds, dz, t.widthUm(), t.heightUm()) > 0.2 * stroke) continue;
                    double s = s0 + ds, z = z0 + dz;
                    g.slice(z).toXY(s, m.rectoSurface(s, z) + config.inkDepthUm() / 2, xy);
                    int i = ((int) (z / um) * ny + (int) (xy[1] / um)) * nx + (int) (xy[0] / um);
                    int v = labels[i];
                    if (v == t.letterNumber()) hits++;
                    else if (v == 0) blanks++;
                    else throw new AssertionError("letter " + t.index() + " " + t.character() + " reads as " + GreekText.letter(v));
                }
            }
        }
        assertTrue(hits > 0.7 * (hits + blanks), "hits " + hits + ", blanks " + blanks);
    }

    @Test void inkIsSlightlyDenserThanBarePapyrus() {
        // The same scroll without text: identical geometry and noise, so the difference is the ink alone.
        Phantom blank = PhantomGenerator.generate(config.withText(""));
        assertEquals("", blank.groundTruth().text());
        for (int l = 0; l < phantom.levels().size(); l++) {
            PhantomLevel inked = phantom.levels().get(l), bare = blank.levels().get(l);
            byte[] ink = PhantomLevel.voxels(inked.ink()), pap = PhantomLevel.voxels(inked.papyrus());
            for (int e = 0; e < config.beamEnergiesKeV().size(); e++) {
                byte[] a = PhantomLevel.voxels(inked.scans().get(e)), b = PhantomLevel.voxels(bare.scans().get(e));
                double diff = 0, papyrusSum = 0, inkSum = 0;
                long n = 0, np = 0;
                for (int i = 0; i < a.length; i++) {
                    if (ink[i] != 0) {
                        diff += (a[i] & 0xff) - (b[i] & 0xff);
                        inkSum += a[i] & 0xff;
                        n++;
                    }
                    if (pap[i] != 0 && ink[i] == 0) {
                        papyrusSum += b[i] & 0xff;
                        np++;
                    }
                    if (pap[i] == 0 && ink[i] == 0) assertTrue(Math.abs((a[i] & 0xff) - (b[i] & 0xff)) <= 10, "ink far from any label");
                }
                double papyrusAir = papyrusSum / np - XrayModel.AIR_GREY;
                double relative = diff / n / papyrusAir;
                assertTrue(relative > 0.02 && relative < 0.1, "ink contrast " + relative + " of papyrus-air at " + inked.voxelLabel() + ", energy " + e);
                // Unpaired, as a reader of the scan sees it: inked voxels are brighter than bare papyrus on average, but only just.
                double margin = inkSum / n - papyrusSum / np;
                assertTrue(margin > 0 && margin < 0.1 * papyrusAir, "ink mean exceeds papyrus mean by " + margin + " grey");
            }
        }
    }

    @Test void coarseScanCorrelatesWithTheDownsampledFineScan() {
        PhantomLevel fine = phantom.fine(), coarse = phantom.coarse();
        long[] cs = coarse.shape();
        int cx = (int) cs[0], cy = (int) cs[1], cz = (int) cs[2], nx = config.sizeX(), ny = config.sizeY();
        for (int e = 0; e < config.beamEnergiesKeV().size(); e++) {
            byte[] f = PhantomLevel.voxels(fine.scans().get(e)), c = PhantomLevel.voxels(coarse.scans().get(e));
            double[] down = new double[cx * cy * cz], direct = new double[down.length];
            for (int z = 0; z < cz; z++) {
                for (int y = 0; y < cy; y++) {
                    for (int x = 0; x < cx; x++) {
                        double sum = 0;
                        for (int k = 0; k < 8; k++) sum += f[((2 * z + (k >> 2)) * ny + 2 * y + ((k >> 1) & 1)) * nx + 2 * x + (k & 1)] & 0xff;
                        int i = (z * cy + y) * cx + x;
                        down[i] = sum / 8;
                        direct[i] = c[i] & 0xff;
                    }
                }
            }
            double r = new PearsonsCorrelation().correlation(down, direct);
            assertTrue(r > 0.8, "Pearson r " + r + " at energy " + e);
        }
    }

    @Test void lowerEnergyGivesMoreContrastAndNoiseAsModelled() {
        PhantomLevel fine = phantom.fine();
        byte[] pap = PhantomLevel.voxels(fine.papyrus());
        int nx = config.sizeX(), ny = config.sizeY(), nz = config.sizeZ();
        double[] contrast = new double[2];
        for (int e = 0; e < 2; e++) {
            double energy = config.beamEnergiesKeV().get(e);
            byte[] scan = PhantomLevel.voxels(fine.scans().get(e));
            double ps = 0, as = 0, aq = 0;
            long pn = 0, an = 0;
            for (int z = 0; z < nz; z++) {
                for (int y = 3; y < ny - 3; y++) {
                    for (int x = 3; x < nx - 3; x++) {
                        int i = (z * ny + y) * nx + x;
                        int far = 0, near = 0;
                        for (int dy = -3; dy <= 3; dy++) for (int dx = -3; dx <= 3; dx++) far += pap[i + dy * nx + dx];
                        for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) near += pap[i + dy * nx + dx];
                        double v = scan[i] & 0xff;
                        if (far == 0) { as += v; aq += v * v; an++; }
                        if (near == 9) { ps += v; pn++; }
                    }
                }
            }
            double airMean = as / an, airSd = Math.sqrt(aq / an - airMean * airMean);
            assertEquals(XrayModel.AIR_GREY, airMean, 1.0, "air grey at " + energy + " keV");
            double sigma = XrayModel.noiseSigma(config.noise(), energy, config.fineVoxelUm(), config.fineVoxelUm());
            assertEquals(sigma, airSd, 0.08 * sigma, "noise at " + energy + " keV");
            assertTrue(pn > 1000, "interior papyrus voxels: " + pn);
            contrast[e] = ps / pn - airMean;
        }
        // c(E) = 0.6 + 2.4 (30/E)^3: c(54) / c(70) = 1.0116 / 0.7887
        double expected = (0.6 + 2.4 * Math.pow(30.0 / 54, 3)) / (0.6 + 2.4 * Math.pow(30.0 / 70, 3));
        assertEquals(expected, contrast[0] / contrast[1], 0.04 * expected);
    }

    @Test void theNoiseFreeScanDiffersFromTheScanByTheDetectorNoiseAlone() {
        PhantomLevel fine = phantom.fine();
        PhantomConfig config = PhantomConfig.defaults();
        for (int e = 0; e < fine.scans().size(); e++) {
            byte[] scan = PhantomLevel.voxels(fine.scans().get(e)), clean = PhantomLevel.voxels(fine.cleanScans().get(e));
            double s = 0, q = 0;
            long n = 0;
            for (int i = 0; i < scan.length; i++) {
                int c = clean[i] & 0xff;
                if (c == 0 || c == 255) continue; // clamped: the noise is cut there
                double d = (scan[i] & 0xff) - c;
                s += d;
                q += d * d;
                n++;
            }
            double mean = s / n, sd = Math.sqrt(q / n - mean * mean);
            double sigma = XrayModel.noiseSigma(config.noise(), config.beamEnergiesKeV().get(e), config.fineVoxelUm(), config.fineVoxelUm());
            assertEquals(0, mean, 0.3, "zero-mean noise");
            // rounding both to bytes adds the variance of two independent roundings, 2/12
            assertEquals(Math.sqrt(sigma * sigma + 2.0 / 12), sd, 0.03 * sigma, "noise at energy " + e);
        }
    }

    @Test void realisticNoiseIsCorrelatedInThePlaneAsItsFilterSays() {
        PhantomConfig config = PhantomConfig.realistic();
        Phantom p = PhantomGenerator.generate(config);
        byte[] scan = PhantomLevel.voxels(p.fine().scans().get(0)), clean = PhantomLevel.voxels(p.fine().cleanScans().get(0));
        int nx = config.sizeX(), ny = config.sizeY(), nz = config.sizeZ();
        double q = 0, lagX = 0, lagZ = 0;
        long n = 0;
        for (int z = 0; z + 1 < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x + 1 < nx; x++) {
            int i = (z * ny + y) * nx + x;
            if (!unclamped(clean, i) || !unclamped(clean, i + 1) || !unclamped(clean, i + nx * ny)) continue;
            double d = (scan[i] & 0xff) - (clean[i] & 0xff);
            q += d * d;
            lagX += d * ((scan[i + 1] & 0xff) - (clean[i + 1] & 0xff));
            lagZ += d * ((scan[i + nx * ny] & 0xff) - (clean[i + nx * ny] & 0xff));
            n++;
        }
        double c = config.noiseCorrelation();
        double sigma = XrayModel.noiseSigma(config.noise(), config.beamEnergiesKeV().get(0), config.fineVoxelUm(), config.fineVoxelUm());
        // kernel [c, 1, c] per axis: lag-1 correlation 2c / (1 + 2c^2) along x; slices are independent along z
        assertEquals(2 * c / (1 + 2 * c * c), lagX / q, 0.03, "lag-1 correlation along x");
        assertEquals(0, lagZ / q, 0.03, "correlation along z");
        assertEquals(sigma, Math.sqrt(q / n), 0.05 * sigma, "standard deviation kept");
    }

    private static boolean unclamped(byte[] clean, int i) {
        int v = clean[i] & 0xff;
        return v > 0 && v < 255;
    }

    @Test void everyVolumeCarriesFullMetadata() {
        assertEquals(2 * (2 + 2 + 3), phantom.volumes().size());
        for (PhantomVolume pv : phantom.volumes()) {
            Volume<?> v = pv.volume();
            ScanMetadata m = v.meta();
            boolean fine = pv.name().contains("-4um");
            assertEquals("PHANTOM-1", m.scrollId().orElseThrow());
            assertTrue(m.scanId().orElseThrow().startsWith("PHANTOM-1-" + (fine ? "4um" : "8um")), m.scanId().get());
            assertEquals(VoxelSize.isotropic(fine ? 4 : 8), m.voxelSizeUm().orElseThrow());
            assertEquals(fine ? 0 : 1, m.resolutionLevel());
            assertEquals(PhantomGenerator.GENERATOR, m.provenance().get("generator"));
            assertEquals("1", m.provenance().get("seed"));
            assertArrayEquals(fine ? new long[] {96, 96, 64} : new long[] {48, 48, 32}, v.shape());
            if (pv.name().startsWith("scan-") || pv.name().startsWith("clean-")) {
                double energy = m.beamEnergyKeV().orElseThrow();
                assertTrue(pv.name().endsWith("-" + (int) energy + "keV"), pv.name());
                assertTrue(m.scanId().get().endsWith((int) energy + "keV"));
            } else {
                assertTrue(m.beamEnergyKeV().isEmpty(), "labels have no beam energy");
            }
        }
        assertEquals(java.util.List.of("scan-4um-54keV", "scan-4um-70keV", "clean-4um-54keV", "clean-4um-70keV", "papyrus-4um", "inklabels-4um", "letters-4um",
                "scan-8um-54keV", "scan-8um-70keV", "clean-8um-54keV", "clean-8um-70keV", "papyrus-8um", "inklabels-8um", "letters-8um"),
                phantom.volumes().stream().map(PhantomVolume::name).toList());
    }
}
