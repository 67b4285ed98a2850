package org.scrollwork.io;

/**
 * The voxel values of the coordinate fixtures, as a closed form shared with the Python scripts that
 * write them: {@code v = x + 7y + 31z}, then per type {@code uint8: v mod 256}, {@code uint16: 101 v},
 * {@code int16: 37 v - 1000}, {@code uint32: 100003 v}, {@code float32: v/2 - 3.25}, {@code float64: v/4 - 0.001},
 * each wrapped to the type's range as NumPy's {@code astype} does.
 */
public final class CoordinateOracle {
    private CoordinateOracle() {}

    /** The Python function {@code coord(shape_zyx, dtype)} that writes the same values (needs {@code import numpy as np}). */
    public static final String PYTHON = String.join("\n",
            "def coord(shape_zyx, dt):",
            "    z, y, x = np.indices(shape_zyx)",
            "    v = (x + 7 * y + 31 * z).astype(np.int64)",
            "    if dt == 'uint8': return (v % 256).astype(np.uint8)",
            "    if dt == 'uint16': return (v * 101 % 65536).astype(np.uint16)",
            "    if dt == 'int16': return ((v * 37 - 1000 + 32768) % 65536 - 32768).astype(np.int16)",
            "    if dt == 'uint32': return (v * 100003 % 2**32).astype(np.uint32)",
            "    if dt == 'float32': return (v * 0.5 - 3.25).astype(np.float32)",
            "    if dt == 'float64': return (v * 0.25 - 1e-3).astype(np.float64)",
            "    raise ValueError(dt)",
            "");

    /** The value at {@code (x, y, z)} for a data type, as the image's {@code getRealDouble()} gives it. */
    public static double value(DataType t, long x, long y, long z) {
        long v = x + 7 * y + 31 * z;
        switch (t) {
            case UINT8: return v & 0xff;
            case UINT16: return (v * 101) & 0xffff;
            case INT16: return (short) (v * 37 - 1000);
            case UINT32: return (v * 100_003L) & 0xffffffffL;
            case FLOAT32: return (float) (v * 0.5 - 3.25);
            case FLOAT64: return v * 0.25 - 1e-3;
            default: throw new AssertionError(t);
        }
    }

    /** Largest difference between a volume and the closed form (0 when every voxel matches). */
    public static double maxError(Volume<?> v) {
        long[] s = v.shape();
        double max = 0;
        Volume<?> mem = Volumes.copyToMemory(cast(v));
        for (long z = 0; z < s[2]; z++) {
            for (long y = 0; y < s[1]; y++) {
                for (long x = 0; x < s[0]; x++) {
                    double d = Math.abs(Volumes.get(mem.image(), x, y, z) - value(v.dataType(), x, y, z));
                    if (!(d <= max)) max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                }
            }
        }
        return max;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Volume cast(Volume<?> v) { return v; }
}
