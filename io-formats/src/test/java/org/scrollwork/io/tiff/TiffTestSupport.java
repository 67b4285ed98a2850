package org.scrollwork.io.tiff;

import java.nio.ByteOrder;
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

    /** Python lines that define {@code sha(a)}, matching {@link #sha256}. */
    static final String PY_SHA = """
            import hashlib
            def sha(a):
                import numpy as np
                a = np.ascontiguousarray(a)
                return hashlib.sha256(a.astype(a.dtype.newbyteorder('<')).tobytes()).hexdigest()
            """;
}
