package org.scrollwork.io;

import java.util.Objects;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

/**
 * A scan volume: a three-dimensional ImgLib2 image with axes x, y, z, plus its {@link ScanMetadata}.
 * The image may be lazy (read chunk by chunk on access); the metadata's data type matches the
 * image's voxel type.
 */
public record Volume<T extends NativeType<T> & RealType<T>>(RandomAccessibleInterval<T> image, ScanMetadata meta) {

    public Volume {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(meta, "meta");
        if (image.numDimensions() != 3) {
            throw new IllegalArgumentException("a volume is 3-D (x, y, z); got " + image.numDimensions() + " dimensions");
        }
        DataType actual = DataType.of(image.getType());
        if (actual != meta.dataType()) {
            throw new IllegalArgumentException("image holds " + actual.numpyName() + " but metadata says " + meta.dataType().numpyName());
        }
    }

    /** The shape as {@code [x, y, z]}. */
    public long[] shape() { return image.dimensionsAsLongArray(); }

    /** Number of voxels. */
    public long voxelCount() {
        long n = 1;
        for (long d : shape()) n *= d;
        return n;
    }

    /** Size of the voxel data in bytes. */
    public long byteCount() { return voxelCount() * meta.dataType().bytesPerVoxel(); }

    public DataType dataType() { return meta.dataType(); }
}
