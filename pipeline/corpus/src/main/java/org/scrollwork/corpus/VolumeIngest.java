package org.scrollwork.corpus;

import java.nio.ByteOrder;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelArrays;

/**
 * Streams a volume into a segment slice by slice (z ascending), each slice raster order x fastest,
 * voxels big-endian. Memory holds one slice at a time (plus a lazy volume's chunk cache), so a lazy
 * volume far larger than the heap ingests in bounded memory. Costs one pass over the volume.
 */
final class VolumeIngest {
    private VolumeIngest() {}

    static void write(Volume<?> volume, SegmentWriter out) {
        long z = volume.shape()[2];
        for (long i = 0; i < z; i++) out.write(slice(volume, i));
    }

    /** Slice {@code z} as big-endian bytes. */
    static byte[] slice(Volume<?> volume, long z) {
        return VoxelArrays.encode(volume.dataType(), ChunkedVolumes.readSlice((Volume) volume, z), ByteOrder.BIG_ENDIAN);
    }
}
