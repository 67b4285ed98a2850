package org.scrollwork.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeSet;

/** Invariants every phantom must satisfy, shared by the default-size tests and the slow large-size test. */
final class PhantomChecks {
    private PhantomChecks() {}

    static void sheetAreaMatchesTheClosedForm(PhantomConfig config, Phantom phantom) {
        // Per slice, the sheet covers (centreline length) x (thickness) in the round frame, times the squash in the image.
        double expected = phantom.groundTruth().sheetLengthUm() * config.sheetThicknessVoxels() * config.fineVoxelUm() * config.squash()
                / (config.sizeX() * config.fineVoxelUm() * config.sizeY() * config.fineVoxelUm());
        for (PhantomLevel l : phantom.levels()) {
            double fraction = mean(PhantomLevel.voxels(l.papyrus()));
            assertEquals(expected, fraction, 0.15 * expected, "papyrus fraction at " + l.voxelLabel());
        }
        assertTrue(expected > 0.15 && expected < 0.5, "a plausible fraction: " + expected);
    }

    static void windsAreSeparatedByAir(PhantomConfig config, Phantom phantom) {
        PhantomLevel fine = phantom.fine();
        byte[] pap = PhantomLevel.voxels(fine.papyrus());
        byte[] scan = PhantomLevel.voxels(fine.scans().get(0));
        int nx = config.sizeX(), ny = config.sizeY(), y = ny / 2;
        double runs = 0, gapSum = 0;
        long gapCount = 0;
        for (int z = 0; z < config.sizeZ(); z++) {
            int row = (z * ny + y) * nx, first = -1, last = -1;
            for (int x = 0; x < nx; x++) {
                if (pap[row + x] == 0) continue;
                // a new wind starts after at least two air voxels (a delamination's gap inside a sheet is thinner)
                if (x < 2 || (pap[row + x - 1] == 0 && pap[row + x - 2] == 0)) runs++;
                if (first < 0) first = x;
                last = x;
            }
            for (int x = first + 1; x < last; x++) {
                if (pap[row + x - 1] == 0 && pap[row + x] == 0 && pap[row + x + 1] == 0) {
                    gapSum += scan[row + x] & 0xff;
                    gapCount++;
                }
            }
        }
        double meanRuns = runs / config.sizeZ();
        assertEquals(2 * config.winds(), meanRuns, 2.0, "sheet crossings along a diameter");
        double contrast = XrayModel.papyrusAirContrast(54);
        assertTrue(gapCount > 5L * config.sizeZ(), "air voxels between winds: " + gapCount);
        assertEquals(XrayModel.AIR_GREY, gapSum / gapCount, 0.1 * contrast, "grey between winds");
    }

    static void inkLiesInPapyrusAtItsSurface(PhantomConfig config, Phantom phantom) {
        for (PhantomLevel l : phantom.levels()) {
            byte[] pap = PhantomLevel.voxels(l.papyrus()), ink = PhantomLevel.voxels(l.ink()), let = PhantomLevel.voxels(l.letters());
            long[] s = l.shape();
            int nx = (int) s[0], ny = (int) s[1], nz = (int) s[2];
            int reach = (int) Math.ceil(Math.max(config.inkDepthUm(), l.voxelSizeUm()) / l.voxelSizeUm()) + 1;
            long inked = 0;
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        int i = (z * ny + y) * nx + x;
                        assertEquals(ink[i] != 0, let[i] != 0, "ink and letter labels agree");
                        if (ink[i] == 0) continue;
                        inked++;
                        assertEquals(1, pap[i], "ink voxel in air at " + x + "," + y + "," + z);
                        assertTrue(airWithin(pap, nx, ny, x, y, z, reach), "ink voxel deep inside the sheet at " + x + "," + y + "," + z);
                    }
                }
            }
            assertTrue(inked > 100, "ink voxels at " + l.voxelLabel() + ": " + inked);
        }
    }

    static void letterLabelsAgreeWithTheTruth(PhantomConfig config, Phantom phantom) {
        GroundTruth gt = phantom.groundTruth();
        assertTrue(gt.text().length() >= 100, "letters written: " + gt.text().length());
        assertTrue(gt.requestedText().startsWith(gt.text()));
        for (int l = 0; l < phantom.levels().size(); l++) {
            PhantomLevel level = phantom.levels().get(l);
            long[] histogram = new long[256];
            for (byte b : PhantomLevel.voxels(level.letters())) histogram[b & 0xff]++;
            long[] fromTruth = new long[256];
            int empty = 0;
            for (LetterTruth t : gt.letters()) {
                VoxelBox box = t.boxes().get(l);
                assertEquals(level.level(), box.level());
                if (box.isEmpty()) empty++;
                fromTruth[t.letterNumber()] += box.voxelCount();
            }
            for (int v = 1; v < 256; v++) assertEquals(fromTruth[v], histogram[v], "voxels labelled " + v + " at " + level.voxelLabel());
            assertEquals(0, empty, "letters without voxels at " + level.voxelLabel());
            TreeSet<Integer> inLabels = new TreeSet<>(), inText = new TreeSet<>();
            for (int v = 1; v < 256; v++) if (histogram[v] > 0) inLabels.add(v);
            for (char c : gt.text().toCharArray()) inText.add(GreekText.letterNumber(c));
            assertEquals(inText, inLabels);
        }
    }

    private static boolean airWithin(byte[] pap, int nx, int ny, int x, int y, int z, int r) {
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                int xx = x + dx, yy = y + dy;
                if (xx < 0 || yy < 0 || xx >= nx || yy >= ny || pap[(z * ny + yy) * nx + xx] == 0) return true;
            }
        }
        return false;
    }

    private static double mean(byte[] v) {
        long s = 0;
        for (byte b : v) s += b & 0xff;
        return (double) s / v.length;
    }
}
