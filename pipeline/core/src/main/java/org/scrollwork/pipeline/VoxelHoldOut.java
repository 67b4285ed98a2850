package org.scrollwork.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;

/**
 * Held-out voxels of a volume record that are not whole planes: a seeded random fraction of the record's voxels, or a box
 * of them (a simulated damaged region). Of the voxels kept from training, a seeded random {@code validationFraction} is
 * VALIDATION (it chooses when training stops) and the rest HELD_OUT (the test); both are written as corpus masks, one box
 * per run of equal role along x, so {@code train} and {@code render} on the corpus see them as {@code mask} writes them.
 */
public final class VoxelHoldOut {
    private VoxelHoldOut() {}

    /** How many voxels were kept from training: the test and the validation set. */
    public record Split(long heldOut, long validation) {}

    /** Holds out {@code round(fraction × voxels)} voxels of the record, drawn with {@code seed}. */
    public static Split random(Corpus corpus, int recordId, double fraction, double validationFraction, long seed) {
        CorpusRecord r = corpus.record(recordId);
        long n = r.shape().voxels();
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("record " + recordId + " has too many voxels to draw from");
        int[] all = new int[(int) n];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return mark(corpus, r, all, Math.round(fraction * n), validationFraction, seed);
    }

    /** Holds out every voxel of {@code box} (record coordinates), a seeded random {@code validationFraction} of them for validation. */
    public static Split box(Corpus corpus, int recordId, Box box, double validationFraction, long seed) {
        CorpusRecord r = corpus.record(recordId);
        if (!box.within(r.shape())) throw new IllegalArgumentException("box " + box + " outside record " + recordId + " of shape " + r.shape());
        int nx = (int) r.shape().x(), ny = (int) r.shape().y();
        int[] in = new int[(int) box.voxels()];
        int k = 0;
        for (long z = box.z0(); z < box.z1(); z++) {
            for (long y = box.y0(); y < box.y1(); y++) {
                for (long x = box.x0(); x < box.x1(); x++) in[k++] = (int) ((z * ny + y) * nx + x);
            }
        }
        return mark(corpus, r, in, in.length, validationFraction, seed);
    }

    /**
     * Draws {@code count} of {@code candidates} (voxel numbers, x fastest) by a seeded partial Fisher–Yates shuffle, the first
     * {@code round(validationFraction × count)} of the draw as VALIDATION, the rest HELD_OUT, and masks them.
     */
    private static Split mark(Corpus corpus, CorpusRecord r, int[] candidates, long count, double validationFraction, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5eed_4e1dL);
        int nv = (int) Math.round(validationFraction * count);
        byte[] role = new byte[(int) r.shape().voxels()]; // 0 train, 1 held out, 2 validation
        for (int i = 0; i < count; i++) {
            int j = i + rnd.nextInt(candidates.length - i);
            int t = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = t;
            role[candidates[i]] = (byte) (i < nv ? 2 : 1);
        }
        corpus.mask(r.id(), runs(role, (byte) 1, r), Role.HELD_OUT);
        if (nv > 0) corpus.mask(r.id(), runs(role, (byte) 2, r), Role.VALIDATION);
        return new Split(count - nv, nv);
    }

    /** One box per run of voxels of role {@code want} along x. */
    private static List<Box> runs(byte[] role, byte want, CorpusRecord r) {
        int nx = (int) r.shape().x(), ny = (int) r.shape().y(), nz = (int) r.shape().z();
        List<Box> out = new ArrayList<>();
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int row = (z * ny + y) * nx;
                for (int x = 0; x < nx; x++) {
                    if (role[row + x] != want) continue;
                    int x1 = x;
                    while (x1 < nx && role[row + x1] == want) x1++;
                    out.add(new Box(x, y, z, x1, y + 1, z + 1));
                    x = x1 - 1;
                }
            }
        }
        return out;
    }
}
