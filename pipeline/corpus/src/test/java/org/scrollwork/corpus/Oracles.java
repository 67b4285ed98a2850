package org.scrollwork.corpus;

import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelArrays;

/** Coordinate-oracle volumes: each voxel's value is a closed form of (x, y, z), so bytes can be predicted anywhere. */
final class Oracles {
    private Oracles() {}

    /** The value of voxel (x, y, z) as unsigned bits of the data type's width; every byte depends on the coordinate. */
    static long value(DataType t, long x, long y, long z, int salt) {
        long v = (x & 0xF) | ((y & 0xF) << 4) | ((z & 0xF) << 8) | ((long) (salt & 0xF) << 12);
        switch (t.bytesPerVoxel()) {
            case 1: return (x * 7 + y * 13 + z * 29 + salt * 3) & 0xFF;
            case 2: return v;
            case 4: return (v << 16) | ((x * 3 + y * 5 + z * 11) & 0xFFFF);
            default: return (v << 48) | (x << 32) | (y << 16) | z;
        }
    }

    /** Byte {@code b} (most significant first) of voxel (x, y, z). */
    static int byteOf(DataType t, long x, long y, long z, int b, int salt) {
        int n = t.bytesPerVoxel();
        return (int) ((value(t, x, y, z, salt) >>> (8 * (n - 1 - b))) & 0xFF);
    }

    /** An in-memory volume of integer type (uint8, uint16, uint32) holding the oracle. */
    static Volume<?> volume(DataType t, long sx, long sy, long sz, int salt) {
        int n = Math.toIntExact(sx * sy * sz);
        Object arr = VoxelArrays.allocate(t, n);
        int i = 0;
        for (long z = 0; z < sz; z++) {
            for (long y = 0; y < sy; y++) {
                for (long x = 0; x < sx; x++, i++) {
                    long v = value(t, x, y, z, salt);
                    switch (t) {
                        case UINT8: ((byte[]) arr)[i] = (byte) v; break;
                        case UINT16: ((short[]) arr)[i] = (short) v; break;
                        case UINT32: ((int[]) arr)[i] = (int) v; break;
                        default: throw new IllegalArgumentException("oracle volumes are integer: " + t);
                    }
                }
            }
        }
        return Volumes.wrap(arr, new long[] {sx, sy, sz}, ScanMetadata.of(t));
    }
}
