package org.scrollwork.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.DoubleArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;

/**
 * Primitive voxel arrays and their byte encodings. A voxel array for a {@link DataType} is a
 * {@code byte[]} (uint8), {@code short[]} (uint16, int16), {@code int[]} (uint32), {@code float[]}
 * or {@code double[]}, in x-fastest order; unsigned values are stored in the signed Java type of
 * the same width, as ImgLib2 does.
 */
public final class VoxelArrays {
    private VoxelArrays() {}

    /** A new zeroed voxel array of {@code count} voxels. */
    public static Object allocate(DataType t, int count) {
        switch (t) {
            case UINT8: return new byte[count];
            case UINT16: case INT16: return new short[count];
            case UINT32: return new int[count];
            case FLOAT32: return new float[count];
            case FLOAT64: return new double[count];
            default: throw new AssertionError(t);
        }
    }

    /** Number of voxels in a voxel array. */
    public static int length(Object array) { return java.lang.reflect.Array.getLength(array); }

    /** Decodes {@code count} voxels from {@code src} (its position advances) in {@code order}. */
    public static Object decode(DataType t, ByteBuffer src, int count, ByteOrder order) {
        ByteBuffer b = src.slice().order(order);
        b.limit(Math.multiplyExact(count, t.bytesPerVoxel()));
        Object out = allocate(t, count);
        switch (t) {
            case UINT8: b.get((byte[]) out); break;
            case UINT16: case INT16: b.asShortBuffer().get((short[]) out); break;
            case UINT32: b.asIntBuffer().get((int[]) out); break;
            case FLOAT32: b.asFloatBuffer().get((float[]) out); break;
            case FLOAT64: b.asDoubleBuffer().get((double[]) out); break;
            default: throw new AssertionError(t);
        }
        src.position(src.position() + count * t.bytesPerVoxel());
        return out;
    }

    /** Encodes a voxel array into a new byte array in {@code order}. */
    public static byte[] encode(DataType t, Object array, ByteOrder order) {
        int n = length(array);
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(n, t.bytesPerVoxel())).order(order);
        switch (t) {
            case UINT8: b.put((byte[]) array); break;
            case UINT16: case INT16: b.asShortBuffer().put((short[]) array); break;
            case UINT32: b.asIntBuffer().put((int[]) array); break;
            case FLOAT32: b.asFloatBuffer().put((float[]) array); break;
            case FLOAT64: b.asDoubleBuffer().put((double[]) array); break;
            default: throw new AssertionError(t);
        }
        return b.array();
    }

    /** Wraps a voxel array as the ImgLib2 access for its data type (no copy). */
    public static ArrayDataAccess<?> wrap(DataType t, Object array) {
        switch (t) {
            case UINT8: return new ByteArray((byte[]) array);
            case UINT16: case INT16: return new ShortArray((short[]) array);
            case UINT32: return new IntArray((int[]) array);
            case FLOAT32: return new FloatArray((float[]) array);
            case FLOAT64: return new DoubleArray((double[]) array);
            default: throw new AssertionError(t);
        }
    }
}
