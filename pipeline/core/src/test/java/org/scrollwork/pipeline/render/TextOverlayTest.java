package org.scrollwork.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.Formats;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.phantom.GreekText;
import org.scrollwork.phantom.LetterTruth;
import org.scrollwork.phantom.Phantom;
import org.scrollwork.phantom.PhantomConfig;
import org.scrollwork.phantom.PhantomGenerator;
import org.scrollwork.phantom.PhantomLevel;
import org.scrollwork.phantom.VoxelBox;
import org.scrollwork.pipeline.run.Region;
import org.scrollwork.testing.PythonReference;

@Tag("python")
class TextOverlayTest {
    @TempDir Path dir;

    /** The truth with every 7th letter replaced by the next letter of the alphabet. */
    private static String misread(String truth) {
        char[] s = truth.toCharArray();
        for (int i = 3; i < s.length; i += 7) s[i] = GreekText.letter(GreekText.letterNumber(s[i]) % 24 + 1);
        return new String(s);
    }

    @Test
    void labelsAreThePhantomsLetterLabelsWhereTheReadingIsRightAndTheReadLetterWhereItIsNot() throws Exception {
        PythonReference.assumeAvailable("numpy", "tifffile");
        Phantom ph = PhantomGenerator.generate(PhantomConfig.defaults());
        PhantomLevel fine = ph.fine();
        Region region = Region.centred(fine.shape(), 64, "phantom");
        List<LetterTruth> letters = ph.groundTruth().letters();
        String reading = misread(ph.groundTruth().text());
        TextOverlay o = TextOverlay.of(region.of(fine.letters()), region.origin(), letters, 0, reading);

        long[] s = region.size(), at = region.origin();
        long ink = 0, right = 0, changed = 0;
        for (int z = 0; z < s[2]; z++) {
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[0]; x++) {
                    int truth = (int) Volumes.get(fine.letters().image(), x + at[0], y + at[1], z + at[2]);
                    int got = o.labels()[(int) ((z * s[1] + y) * s[0] + x)] & 0xFF;
                    if (truth == 0) {
                        assertEquals(0, got, "no ink, no letter at " + x + "," + y + "," + z);
                        continue;
                    }
                    ink++;
                    // the letters whose ground-truth box holds this voxel and whose letter is its label: independent of the overlay's choice
                    boolean anyChanged = false, allChangedTo = true;
                    int changedTo = -1;
                    for (LetterTruth l : letters) {
                        VoxelBox b = l.boxes().get(0);
                        if (l.letterNumber() != truth || !b.contains(x + at[0], y + at[1], z + at[2])) continue;
                        boolean c = reading.charAt(l.index()) != l.character().charAt(0);
                        anyChanged |= c;
                        if (c) changedTo = GreekText.letterNumber(reading.charAt(l.index()));
                        else allChangedTo = false;
                    }
                    if (!anyChanged) {
                        assertEquals(truth, got, "right reading keeps the phantom's label at " + x + "," + y + "," + z);
                        right++;
                    } else if (allChangedTo) {
                        assertEquals(changedTo, got, "misread letter carries the read letter at " + x + "," + y + "," + z);
                        changed++;
                    }
                }
            }
        }
        assertTrue(right > 1000 && changed > 100, right + " right, " + changed + " misread voxels");
        assertEquals(0, o.unassigned(), "every ink voxel lies in its letter's box");
        assertEquals(ink, o.letterVoxels());

        // the calibrated TIFF as tifffile (Debian) reads it: the scan's shape (z, y, x), voxel size and scroll id, the same labels
        Volume<?> scan = fine.scans().get(0);
        Path tif = dir.resolve("predicted-letters.tif");
        Formats.byName("tiff").orElseThrow().createWriter().write(tif, o.volume(scan.meta(), "test"));
        long sum = 0, nonzero = 0;
        for (byte b : o.labels()) {
            sum += b & 0xFF;
            if (b != 0) nonzero++;
        }
        String script = String.join("\n", "import tifffile, numpy as np",
                "with tifffile.TiffFile('" + tif + "') as t:",
                "    a = t.asarray(); ij = t.imagej_metadata; xr = t.pages[0].tags['XResolution'].value",
                "print(a.shape, a.dtype, int(a.astype(np.int64).sum()), int(np.count_nonzero(a)), round(xr[1] / xr[0], 4), ij.get('spacing'), ij.get('unit'), ij.get('scrollwork.scrollId'))");
        String said = PythonReference.run(script).trim();
        assertEquals("(" + s[2] + ", " + s[1] + ", " + s[0] + ") uint8 " + sum + " " + nonzero + " 4.0 4.0 micron PHANTOM-1", said);
    }
}
