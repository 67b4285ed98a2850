package org.scrollwork.io;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/** Static helpers on {@link Volume}s: wrapping arrays, copying into memory, comparing. */
public final class Volumes {
    private Volumes() {}

    /** Wraps a voxel array (see {@link VoxelArrays}) of shape {@code [x, y, z]} as an in-memory volume, without copying. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Volume<?> wrap(Object voxels, long[] shape, ScanMetadata meta) {
        long n = shape[0] * shape[1] * shape[2];
        if (VoxelArrays.length(voxels) != n) {
            throw new IllegalArgumentException("array holds " + VoxelArrays.length(voxels) + " voxels, shape needs " + n);
        }
        ArrayDataAccess access = VoxelArrays.wrap(meta.dataType(), voxels);
        NativeType type = meta.dataType().createType();
        ArrayImg img = new ArrayImg(access, shape, type.getEntitiesPerPixel());
        img.setLinkedType(type.getNativeTypeFactory().createLinkedType(img));
        return new Volume(img, meta);
    }

    /** A zero-filled in-memory volume. */
    public static Volume<?> zeros(long[] shape, ScanMetadata meta) {
        return wrap(VoxelArrays.allocate(meta.dataType(), Math.toIntExact(shape[0] * shape[1] * shape[2])), shape, meta);
    }

    /** Reads a whole (possibly lazy) volume into memory. */
    public static <T extends NativeType<T> & RealType<T>> Volume<?> copyToMemory(Volume<T> v) {
        long[] s = v.shape();
        Object arr = ChunkedVolumes.readBlock(v, new long[3], new int[] {Math.toIntExact(s[0]), Math.toIntExact(s[1]), Math.toIntExact(s[2])});
        return wrap(arr, s, v.meta());
    }

    /**
     * Largest absolute voxel difference between two images of equal shape (0 when identical).
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public static <A extends RealType<A>, B extends RealType<B>> double maxAbsDifference(RandomAccessibleInterval<A> a, RandomAccessibleInterval<B> b) {
        if (!Intervals.equalDimensions(a, b)) {
            throw new IllegalArgumentException("shapes differ: " + Intervals.toString(a) + " vs " + Intervals.toString(b));
        }
        double[] max = {0};
        LoopBuilder.setImages(Views.zeroMin(a), Views.zeroMin(b)).forEachPixel((x, y) -> {
            double d = Math.abs(x.getRealDouble() - y.getRealDouble());
            if (d > max[0] || Double.isNaN(d)) max[0] = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
        });
        return max[0];
    }

    /** Value of one voxel as a double. */
    public static <T extends RealType<T>> double get(RandomAccessibleInterval<T> img, long x, long y, long z) {
        RandomAccess<T> ra = img.randomAccess();
        ra.setPosition(new long[] {img.min(0) + x, img.min(1) + y, img.min(2) + z});
        return ra.get().getRealDouble();
    }

    /** Sum of all voxels (handy checksums in tests and benchmarks). */
    public static <T extends RealType<T>> double sum(RandomAccessibleInterval<T> img) {
        double s = 0;
        Cursor<T> c = Views.flatIterable(img).cursor();
        while (c.hasNext()) s += c.next().getRealDouble();
        return s;
    }
}
