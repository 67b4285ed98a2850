package org.scrollwork.pipeline.render;

import java.util.ArrayList;
import java.util.List;
import net.imglib2.Cursor;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.phantom.GreekText;
import org.scrollwork.phantom.LetterTruth;
import org.scrollwork.phantom.VoxelBox;

/**
 * Predicted text placed back where it was read in the scan: a label volume of a scan region's shape in which every ink
 * voxel of a letter carries the number ({@code Α = 1 … Ω = 24}, as in {@link org.scrollwork.phantom.GroundTruth#LETTER_LABELS})
 * of the letter a reading gives at that letter's position in the text; 0 elsewhere. The letter a voxel belongs to comes
 * from a letter label volume aligned with the scan (which ink is which letter) and the ground truth's letter boxes (which
 * text position that letter is): the voxel goes to the letter whose box holds it and whose letter matches its label,
 * the nearest box centre when several do. Where the reading equals the transcription, the labels equal the letter label
 * volume's.
 *
 * @param labels     predicted letter numbers, x fastest, of the region's shape
 * @param owner      the text position each voxel was given to, -1 for none
 * @param size       the region's shape {@code [x, y, z]}
 * @param reading    the reading the labels come from (one letter per text position)
 * @param truth      the transcription (one letter per text position)
 * @param unassigned labelled voxels no letter box claimed (left 0)
 */
public record TextOverlay(byte[] labels, int[] owner, long[] size, String reading, String truth, long unassigned) {

    /**
     * @param letterLabels the letter label volume's part over the region (zero-based, the region's shape)
     * @param origin       the region's origin in the label volume (and the ground truth boxes' voxel grid)
     * @param letters      the ground truth letters, in text order
     * @param boxLevel     which of each letter's boxes is on this voxel grid
     * @param reading      the predicted letter at every text position (visible letters: the transcription's)
     */
    public static TextOverlay of(Volume<?> letterLabels, long[] origin, List<LetterTruth> letters, int boxLevel, String reading) {
        if (reading.length() != letters.size()) {
            throw new IllegalArgumentException("the reading has " + reading.length() + " letters, the ground truth " + letters.size());
        }
        long[] size = letterLabels.shape();
        List<LetterTruth> near = new ArrayList<>();
        for (LetterTruth l : letters) {
            VoxelBox b = l.boxes().get(boxLevel);
            if (!b.isEmpty() && b.maxX() >= origin[0] && b.minX() < origin[0] + size[0] && b.maxY() >= origin[1] && b.minY() < origin[1] + size[1]
                    && b.maxZ() >= origin[2] && b.minZ() < origin[2] + size[2]) near.add(l);
        }
        int n = Math.toIntExact(size[0] * size[1] * size[2]);
        byte[] labels = new byte[n];
        int[] owner = new int[n];
        java.util.Arrays.fill(owner, -1);
        long unassigned = 0;
        Cursor<? extends RealType<?>> c = Views.flatIterable(letterLabels.image()).localizingCursor();
        StringBuilder truth = new StringBuilder();
        for (LetterTruth l : letters) truth.append(l.character());
        for (int i = 0; c.hasNext(); i++) {
            int label = (int) c.next().getRealDouble();
            if (label == 0) continue;
            long x = c.getLongPosition(0) + origin[0], y = c.getLongPosition(1) + origin[1], z = c.getLongPosition(2) + origin[2];
            LetterTruth best = null;
            double bestD = Double.POSITIVE_INFINITY;
            for (LetterTruth l : near) {
                VoxelBox b = l.boxes().get(boxLevel);
                if (l.letterNumber() != label || !b.contains(x, y, z)) continue;
                double dx = x - (b.minX() + b.maxX()) / 2.0, dy = y - (b.minY() + b.maxY()) / 2.0, dz = z - (b.minZ() + b.maxZ()) / 2.0;
                double d = dx * dx + dy * dy + dz * dz;
                if (d < bestD) {
                    bestD = d;
                    best = l;
                }
            }
            if (best == null) {
                unassigned++;
                continue;
            }
            owner[i] = best.index();
            labels[i] = (byte) GreekText.letterNumber(reading.charAt(best.index()));
        }
        return new TextOverlay(labels, owner, size, reading, truth.toString(), unassigned);
    }

    /** The labels as a uint8 volume with the scan's voxel size and ids. */
    public Volume<?> volume(ScanMetadata scan, String provenance) {
        return Volumes.wrap(labels, size, scan.toBuilder().dataType(DataType.UINT8).provenance("predicted-letters", provenance).build());
    }

    /** Labelled voxels given to a letter. */
    public long letterVoxels() {
        long k = 0;
        for (int o : owner) if (o >= 0) k++;
        return k;
    }

    /** Labelled voxels whose predicted letter is the transcription's. */
    public long correctVoxels() {
        long k = 0;
        for (int o : owner) if (o >= 0 && reading.charAt(o) == truth.charAt(o)) k++;
        return k;
    }

    /** The z slice with the most letter voxels. */
    public int busiestSlice() {
        int plane = (int) (size[0] * size[1]), best = 0;
        long bestCount = -1;
        for (int z = 0; z < size[2]; z++) {
            long k = 0;
            for (int i = z * plane; i < (z + 1) * plane; i++) if (owner[i] >= 0) k++;
            if (k > bestCount) {
                bestCount = k;
                best = z;
            }
        }
        return best;
    }
}
