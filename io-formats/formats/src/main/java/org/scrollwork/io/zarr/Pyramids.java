package org.scrollwork.io.zarr;

import java.util.ArrayList;
import java.util.List;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelArrays;

/**
 * Resolution pyramids by 2×2×2 mean downsampling. Level {@code k+1} has shape {@code ceil(shape_k / 2)}
 * per axis; each voxel is the mean of the up to 8 voxels of level {@code k} it covers (fewer at odd far
 * edges), rounded half up for integer types. Voxel size doubles per level and {@code resolutionLevel} is
 * set. An axis of length 1 in the base (the z of a 2-D image) is not downsampled and keeps its voxel size.
 *
 * <p>Levels are lazy: a level's cell is computed from the level above when first read and cached
 * (at most {@link #CACHE_BYTES} per level), so a pyramid of a volume far larger than the heap can be
 * written chunk by chunk. With {@link OmeZarrFormat}'s defaults, {@code build(scan, 6)} of an 8-bit scan
 * gives the Vesuvius layout: 6 levels of uint8 in 128³ chunks.
 */
public final class Pyramids {
    /** Decoded cells kept per lazy level. */
    public static final long CACHE_BYTES = 16L << 20;
    /** Cell edge of the lazy levels. */
    static final int CELL = 64;

    private Pyramids() {}

    /**
     * The pyramid of {@code base}: {@code levels} volumes, finest first; element 0 is {@code base} itself
     * (with resolution level 0).
     *
     * @throws IllegalArgumentException if {@code levels < 1}
     */
    public static List<Volume<?>> build(Volume<?> base, int levels) {
        if (levels < 1) throw new IllegalArgumentException("a pyramid has at least one level: " + levels);
        List<Volume<?>> out = new ArrayList<>();
        out.add(base);
        long[] s = base.shape();
        int[] f = {s[0] > 1 ? 2 : 1, s[1] > 1 ? 2 : 1, s[2] > 1 ? 2 : 1};
        for (int k = 1; k < levels; k++) out.add(downsample(out.get(k - 1), k, f));
        return out;
    }

    /** Level {@code level} computed lazily from {@code parent} by one mean step with factors {@code f} (1 or 2) per axis. */
    private static Volume<?> downsample(Volume<?> parent, int level, int[] f) {
        long[] ps = parent.shape();
        long[] shape = new long[3];
        int[] cell = new int[3];
        for (int d = 0; d < 3; d++) {
            shape[d] = (ps[d] + f[d] - 1) / f[d];
            cell[d] = (int) Math.min(CELL, shape[d]);
        }
        ScanMetadata pm = parent.meta();
        ScanMetadata.Builder b = pm.toBuilder().resolutionLevel(level)
                .provenance("pyramid", "2x2x2 mean of level " + pm.resolutionLevel());
        pm.voxelSizeUm().ifPresent(v -> b.voxelSizeUm(v.scaled(f[0], f[1], f[2])));
        DataType t = pm.dataType();
        return ChunkedVolumes.lazy(shape, cell, b.build(), (grid, min, size) -> {
            long[] pmin = new long[3];
            int[] psize = new int[3];
            for (int d = 0; d < 3; d++) {
                pmin[d] = min[d] * f[d];
                psize[d] = (int) Math.min((long) size[d] * f[d], ps[d] - pmin[d]);
            }
            return mean(t, block(parent, pmin, psize), psize, size, f);
        }, CACHE_BYTES);
    }

    private static <T extends NativeType<T> & RealType<T>> Object block(Volume<T> v, long[] min, int[] size) {
        return ChunkedVolumes.readBlock(v, min, size);
    }

    private static Object mean(DataType t, Object src, int[] ps, int[] size, int[] f) {
        int n = size[0] * size[1] * size[2];
        double[] sum = new double[n];
        int[] count = new int[n];
        int i = 0;
        for (int z = 0; z < ps[2]; z++) {
            int oz = z / f[2] * size[1];
            for (int y = 0; y < ps[1]; y++) {
                int oy = (oz + y / f[1]) * size[0];
                for (int x = 0; x < ps[0]; x++, i++) {
                    int o = oy + x / f[0];
                    sum[o] += value(t, src, i);
                    count[o]++;
                }
            }
        }
        Object out = VoxelArrays.allocate(t, n);
        for (int o = 0; o < n; o++) {
            double m = sum[o] / count[o];
            switch (t) {
                case UINT8: ((byte[]) out)[o] = (byte) Math.round(m); break;
                case UINT16: case INT16: ((short[]) out)[o] = (short) Math.round(m); break;
                case UINT32: ((int[]) out)[o] = (int) Math.round(m); break;
                case FLOAT32: ((float[]) out)[o] = (float) m; break;
                case FLOAT64: ((double[]) out)[o] = m; break;
                default: throw new AssertionError(t);
            }
        }
        return out;
    }

    private static double value(DataType t, Object a, int i) {
        switch (t) {
            case UINT8: return ((byte[]) a)[i] & 0xff;
            case UINT16: return ((short[]) a)[i] & 0xffff;
            case INT16: return ((short[]) a)[i];
            case UINT32: return ((int[]) a)[i] & 0xffffffffL;
            case FLOAT32: return ((float[]) a)[i];
            case FLOAT64: return ((double[]) a)[i];
            default: throw new AssertionError(t);
        }
    }
}
