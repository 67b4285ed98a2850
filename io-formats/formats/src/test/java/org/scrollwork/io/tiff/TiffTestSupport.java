package org.scrollwork.io.tiff;

import java.nio.ByteOrder;
import java.util.Random;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelArrays;

/** Helpers shared by the TIFF tests. */
final class TiffTestSupport {
    private TiffTestSupport() {}

    /**
     * SHA-256 of a volume's voxels as little-endian bytes, x fastest then y then z: the same bytes
     * NumPy gives for {@code a.astype(a.dtype.newbyteorder('<')).tobytes()} of a {@code [z, y, x]} array.
     */
    static String sha256(Volume<?> v) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (long z = 0; z < v.shape()[2]; z++) {
                Object slice = ChunkedVolumes.readSlice(v, z);
                md.update(VoxelArrays.encode(v.dataType(), slice, ByteOrder.LITTLE_ENDIAN));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** {@link #sha256} of one whole-volume read (the reader's fast path: all pages at once, in parallel). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static String sha256Whole(Volume<?> v) {
        try {
            long[] s = v.shape();
            Object all = ChunkedVolumes.readBlock((Volume) v, new long[3], new int[] {(int) s[0], (int) s[1], (int) s[2]});
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(VoxelArrays.encode(v.dataType(), all, ByteOrder.LITTLE_ENDIAN)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Python lines that define {@code sha(a)}, matching {@link #sha256}. */
    static final String PY_SHA = """
            import hashlib
            def sha(a):
                import numpy as np
                a = np.ascontiguousarray(a)
                return hashlib.sha256(a.astype(a.dtype.newbyteorder('<')).tobytes()).hexdigest()
            """;

    /** Full-range seeded random voxels. */
    static Volume<?> randomVolume(DataType t, long[] shape, VoxelSize vs, Random rnd) {
        int n = Math.toIntExact(shape[0] * shape[1] * shape[2]);
        Object a = VoxelArrays.allocate(t, n);
        for (int i = 0; i < n; i++) {
            switch (t) {
                case UINT8: ((byte[]) a)[i] = (byte) rnd.nextInt(); break;
                case UINT16: case INT16: ((short[]) a)[i] = (short) rnd.nextInt(); break;
                case UINT32: ((int[]) a)[i] = rnd.nextInt(); break;
                case FLOAT32: ((float[]) a)[i] = (float) (rnd.nextGaussian() * 1e4); break;
                case FLOAT64: ((double[]) a)[i] = rnd.nextGaussian() * 1e9; break;
                default: throw new AssertionError(t);
            }
        }
        ScanMetadata.Builder b = ScanMetadata.builder(t);
        if (vs != null) b.voxelSizeUm(vs);
        return Volumes.wrap(a, shape, b.build());
    }
}
