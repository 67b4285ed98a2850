package org.scrollwork.io;

import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The voxel types a scan volume can hold. Each maps to one ImgLib2 type and has a fixed size in bytes.
 * Names follow NumPy's ({@code uint8}, {@code float32}, ...), which is how researchers say them.
 */
public enum DataType {
    UINT8("uint8", 1, false, false),
    UINT16("uint16", 2, false, false),
    INT16("int16", 2, true, false),
    UINT32("uint32", 4, false, false),
    FLOAT32("float32", 4, true, true),
    FLOAT64("float64", 8, true, true);

    private final String numpyName;
    private final int bytesPerVoxel;
    private final boolean signed;
    private final boolean floatingPoint;

    DataType(String numpyName, int bytesPerVoxel, boolean signed, boolean floatingPoint) {
        this.numpyName = numpyName;
        this.bytesPerVoxel = bytesPerVoxel;
        this.signed = signed;
        this.floatingPoint = floatingPoint;
    }

    /** The NumPy name, e.g. {@code "uint16"}. */
    public String numpyName() { return numpyName; }

    public int bytesPerVoxel() { return bytesPerVoxel; }

    public boolean isSigned() { return signed; }

    public boolean isFloatingPoint() { return floatingPoint; }

    /** Parses a NumPy name such as {@code "uint8"}; throws {@link IllegalArgumentException} for anything else. */
    public static DataType fromNumpyName(String name) {
        for (DataType t : values()) {
            if (t.numpyName.equals(name)) return t;
        }
        throw new IllegalArgumentException("unknown data type '" + name + "'");
    }

    /** A fresh instance of the ImgLib2 type that holds voxels of this data type. */
    @SuppressWarnings("unchecked")
    public <T extends NativeType<T> & RealType<T>> T createType() {
        switch (this) {
            case UINT8: return (T) new UnsignedByteType();
            case UINT16: return (T) new UnsignedShortType();
            case INT16: return (T) new ShortType();
            case UINT32: return (T) new UnsignedIntType();
            case FLOAT32: return (T) new FloatType();
            case FLOAT64: return (T) new DoubleType();
            default: throw new AssertionError(this);
        }
    }

    /** The data type of an ImgLib2 voxel type; throws {@link IllegalArgumentException} for types no format stores. */
    public static DataType of(Object type) {
        if (type instanceof UnsignedByteType) return UINT8;
        if (type instanceof UnsignedShortType) return UINT16;
        if (type instanceof ShortType) return INT16;
        if (type instanceof UnsignedIntType) return UINT32;
        if (type instanceof FloatType) return FLOAT32;
        if (type instanceof DoubleType) return FLOAT64;
        throw new IllegalArgumentException("no scan data type for ImgLib2 type " + type.getClass().getSimpleName());
    }
}
