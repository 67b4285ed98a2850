package org.scrollwork.phantom;

import java.util.List;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Volume;

/**
 * One resolution of a phantom: its scans (one per beam energy, in the config's order) and label
 * volumes, all uint8, in memory, of equal shape and aligned voxel for voxel.
 *
 * @param level       resolution level (0 = fine)
 * @param voxelSizeUm isotropic voxel size
 * @param scans       scans per beam energy (grey levels; air about 40, papyrus about 165 at 54 keV)
 * @param cleanScans  the same scans without detector noise (ring artefacts kept): the truth a denoising
 *                    reconstruction is scored against
 * @param papyrus     1 where the voxel centre lies in papyrus, else 0
 * @param ink         1 where the voxel centre lies in inked papyrus, else 0
 * @param letters     the letter number ({@code Α = 1 … Ω = 24}) of the ink there, else 0
 */
public record PhantomLevel(int level, double voxelSizeUm, List<Volume<?>> scans, List<Volume<?>> cleanScans, Volume<?> papyrus, Volume<?> ink,
                           Volume<?> letters) {
    public PhantomLevel {
        scans = List.copyOf(scans);
        cleanScans = List.copyOf(cleanScans);
        if (cleanScans.size() != scans.size()) throw new IllegalArgumentException("one noise-free scan per scan");
        for (Volume<?> v : scans) requireUint8(v);
        for (Volume<?> v : cleanScans) requireUint8(v);
        requireUint8(papyrus);
        requireUint8(ink);
        requireUint8(letters);
    }

    private static void requireUint8(Volume<?> v) {
        if (v.dataType() != DataType.UINT8) throw new IllegalArgumentException("phantom volumes are uint8: " + v.dataType().numpyName());
    }

    /** Shape {@code [x, y, z]}. */
    public long[] shape() { return papyrus.shape(); }

    /** Voxel size as used in file names: {@code "4um"}, {@code "7.91um"}. */
    public String voxelLabel() { return PhantomVolume.number(voxelSizeUm) + "um"; }

    /**
     * The voxel array behind an in-memory uint8 volume built by the generator (x fastest), without
     * copying: writes change the volume.
     *
     * @throws IllegalArgumentException if the volume is not an in-memory uint8 array image
     */
    public static byte[] voxels(Volume<?> v) {
        if (!(v.image() instanceof ArrayImg) || v.dataType() != DataType.UINT8) {
            throw new IllegalArgumentException("not an in-memory uint8 volume: " + v.image().getClass().getSimpleName());
        }
        Object access = ((ArrayImg<?, ?>) v.image()).update(null);
        return ((ByteArray) access).getCurrentStorageArray();
    }
}
