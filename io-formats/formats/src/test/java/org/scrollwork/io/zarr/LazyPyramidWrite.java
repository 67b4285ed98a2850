package org.scrollwork.io.zarr;

import java.nio.file.Path;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/**
 * Test harness run in a child JVM with a small heap: builds a lazy uint8 volume of edge {@code n} whose
 * voxels are {@link #value}, and writes its pyramid with the writer's defaults.
 * Arguments: store, edge length, levels.
 */
public final class LazyPyramidWrite {
    private LazyPyramidWrite() {}

    /** Constant in 8³ blocks, so 2×2×2 means of levels 1 to 3 are exact. */
    static int value(long x, long y, long z) { return (int) (((x >> 3) + 3 * (y >> 3) + 5 * (z >> 3)) & 0xff); }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[1]);
        ScanMetadata meta = ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(7.91)).build();
        Volume<?> base = ChunkedVolumes.lazy(new long[] {n, n, n}, new int[] {128, 128, 128}, meta, (grid, min, size) -> {
            byte[] a = new byte[size[0] * size[1] * size[2]];
            int i = 0;
            for (int z = 0; z < size[2]; z++) {
                for (int y = 0; y < size[1]; y++) {
                    for (int x = 0; x < size[0]; x++) a[i++] = (byte) value(min[0] + x, min[1] + y, min[2] + z);
                }
            }
            return a;
        });
        new OmeZarrFormat().createWriter().write(Path.of(args[0]), Pyramids.build(base, Integer.parseInt(args[2])), WriteOptions.DEFAULTS);
    }
}
