package org.scrollwork.io.hdf5;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.FillValueMessage;
import io.jhdf.object.message.FillValueOldMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.VoxelSize;

/** Finding, typing and converting jhdf datasets; internal to {@link Hdf5Format}. */
final class Hdf5Datasets {
    /** Attribute holding the voxel size in micrometres, in dataset axis order (z, y, x), as ilastik and Fiji write it. */
    static final String VOXEL_SIZE_ATTRIBUTE = "element_size_um";
    /** Largest chunk (in voxels) taken over from the file; bigger HDF5 chunks are read one z slice at a time. */
    private static final long MAX_CHUNK_VOXELS = 1L << 26;

    private Hdf5Datasets() {}

    /** The dataset a location names, or the first 3-D (else 2-D) dataset of a supported type. */
    static Dataset find(Path file, Group root, Optional<String> path) {
        if (path.isPresent()) {
            Node n;
            try {
                n = root.getByPath(path.get());
            } catch (io.jhdf.exceptions.HdfInvalidPathException e) {
                throw new FormatException(file, "no dataset '" + path.get() + "' in the file");
            }
            if (!(n instanceof Dataset)) throw new FormatException(file, "'" + path.get() + "' is a group, not a dataset");
            Dataset d = (Dataset) n;
            int rank = d.getDimensions().length;
            if (rank != 2 && rank != 3) throw new UnsupportedFormatException(file, "dataset " + d.getPath() + " has " + rank + " dimensions (read: 2 or 3)");
            dataType(file, d);
            return d;
        }
        List<Dataset> candidates = new ArrayList<>();
        collect(root, candidates, 0);
        return candidates.stream().filter(d -> d.getDimensions().length == 3).findFirst()
                .or(() -> candidates.stream().filter(d -> d.getDimensions().length == 2).findFirst())
                .orElseThrow(() -> new FormatException(file, "holds no 2-D or 3-D dataset of type uint8, uint16, int16, uint32, float32 or float64"));
    }

    private static void collect(Group g, List<Dataset> out, int depth) {
        if (depth > 64) return;
        g.getChildren().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> {
            Node n = e.getValue();
            if (n.isLink()) return;
            if (n instanceof Dataset) {
                Dataset d = (Dataset) n;
                // Not d.isEmpty(): jhdf calls a chunked dataset with no chunk written empty, where h5py reads its fill value.
                int rank = d.isScalar() || d.getSize() == 0 ? 0 : d.getDimensions().length;
                if ((rank == 2 || rank == 3) && supported(d)) out.add(d);
            } else if (n instanceof Group) {
                collect((Group) n, out, depth + 1);
            }
        });
    }

    private static boolean supported(Dataset d) {
        try {
            dataType(null, d);
            return true;
        } catch (FormatException e) {
            return false;
        }
    }

    /** Our data type of a dataset; throws {@link UnsupportedFormatException} for any other HDF5 type. */
    static DataType dataType(Path file, Dataset d) {
        io.jhdf.object.datatype.DataType t = d.getDataType();
        if (t instanceof FloatingPoint) {
            if (t.getSize() == 4) return DataType.FLOAT32;
            if (t.getSize() == 8) return DataType.FLOAT64;
        } else if (t instanceof FixedPoint) {
            boolean signed = ((FixedPoint) t).isSigned();
            if (t.getSize() == 1 && !signed) return DataType.UINT8;
            if (t.getSize() == 2) return signed ? DataType.INT16 : DataType.UINT16;
            if (t.getSize() == 4 && !signed) return DataType.UINT32;
        }
        throw new UnsupportedFormatException(file, "dataset " + d.getPath() + " has HDF5 type " + t.getClass().getSimpleName()
                + " of " + t.getSize() + " bytes (read: uint8, uint16, int16, uint32, float32, float64)");
    }

    /** Shape {@code [x, y, z]} of a 2-D or 3-D dataset stored in C order. */
    static long[] shape(Dataset d) {
        long[] dims = d.getDimensionsAsLong();
        return dims.length == 3 ? new long[] {dims[2], dims[1], dims[0]} : new long[] {dims[1], dims[0], 1};
    }

    /** Our chunk {@code [x, y, z]}: the file's chunk when it is chunked and not huge, else one z slice. */
    static int[] chunk(Dataset d, long[] shape) {
        if (d instanceof ChunkedDataset) {
            int[] c = ((ChunkedDataset) d).getChunkDimensions();
            int[] xyz = c.length == 3 ? new int[] {c[2], c[1], c[0]} : new int[] {c[1], c[0], 1};
            long voxels = (long) xyz[0] * xyz[1] * xyz[2];
            boolean positive = xyz[0] > 0 && xyz[1] > 0 && xyz[2] > 0;
            if (positive && voxels <= MAX_CHUNK_VOXELS) {
                return new int[] {(int) Math.min(xyz[0], shape[0]), (int) Math.min(xyz[1], shape[1]), (int) Math.min(xyz[2], shape[2])};
            }
        }
        return new int[] {(int) shape[0], (int) shape[1], 1};
    }

    /**
     * The value libhdf5 gives the voxels of chunks never written, as the raw bits of one element (for
     * {@link #fill}), or empty when that value is 0: the dataset's Fill Value message (0x0005; the old message 0x0004
     * where a file has only that) when it defines a value, unless its write time is "never", for which libhdf5 leaves
     * unwritten chunks alone (h5py reads 0).
     */
    static java.util.OptionalLong fillBits(Path file, Dataset d, DataType t) {
        if (!(d instanceof io.jhdf.AbstractNode)) return java.util.OptionalLong.empty();
        io.jhdf.ObjectHeader h = ((io.jhdf.AbstractNode) d).getHeader();
        java.nio.ByteBuffer raw = null;
        if (h.hasMessageOfType(FillValueMessage.class)) {
            FillValueMessage m = h.getMessageOfType(FillValueMessage.class);
            if (m.isFillValueDefined() && m.getFillValueWriteTime() != FILL_TIME_NEVER) raw = m.getFillValue();
        } else if (h.hasMessageOfType(FillValueOldMessage.class)) {
            raw = h.getMessageOfType(FillValueOldMessage.class).getFillValue();
        }
        if (raw == null || raw.remaining() == 0) return java.util.OptionalLong.empty();
        raw = raw.duplicate();
        if (raw.remaining() != t.bytesPerVoxel()) {
            throw new FormatException(file, "fill value of " + d.getPath() + " has " + raw.remaining() + " bytes, its "
                    + t.numpyName() + " elements " + t.bytesPerVoxel());
        }
        io.jhdf.object.datatype.DataType dt = d.getDataType();
        raw.order(dt instanceof io.jhdf.object.datatype.OrderedDataType
                ? ((io.jhdf.object.datatype.OrderedDataType) dt).getByteOrder() : java.nio.ByteOrder.LITTLE_ENDIAN);
        long bits;
        switch (t.bytesPerVoxel()) {
            case 1: bits = raw.get(raw.position()); break;
            case 2: bits = raw.getShort(raw.position()); break;
            case 4: bits = raw.getInt(raw.position()); break;
            default: bits = raw.getLong(raw.position()); break;
        }
        return bits == 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(bits);
    }

    /** Fill value write time "never" (H5D_FILL_TIME_NEVER) in the Fill Value message. */
    private static final int FILL_TIME_NEVER = 1;

    /**
     * Sets the voxels of the box {@code [from, to)} (x, y, z, inclusive-exclusive, relative to the block) of a block
     * of size {@code size} (x fastest) to the element whose raw bits are {@code bits} (see {@link #fillBits}).
     */
    static void fill(Object block, int[] size, int[] from, int[] to, long bits) {
        for (int z = from[2]; z < to[2]; z++) {
            for (int y = from[1]; y < to[1]; y++) {
                int a = (z * size[1] + y) * size[0] + from[0];
                int b = a + to[0] - from[0];
                if (block instanceof byte[]) java.util.Arrays.fill((byte[]) block, a, b, (byte) bits);
                else if (block instanceof short[]) java.util.Arrays.fill((short[]) block, a, b, (short) bits);
                else if (block instanceof int[]) java.util.Arrays.fill((int[]) block, a, b, (int) bits);
                else if (block instanceof float[]) java.util.Arrays.fill((float[]) block, a, b, Float.intBitsToFloat((int) bits));
                else java.util.Arrays.fill((double[]) block, a, b, Double.longBitsToDouble(bits));
            }
        }
    }

    /** Voxel size from the dataset's {@value #VOXEL_SIZE_ATTRIBUTE} attribute (z, y, x; one value means isotropic). */
    /** The string attributes of a dataset among {@code keys} (others, and non-string values, are skipped). */
    static java.util.Map<String, String> stringAttributes(Dataset d, String... keys) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String k : keys) {
            Attribute a = d.getAttributes().get(k);
            if (a == null) continue;
            Object v = a.getData();
            if (v instanceof String str) out.put(k, str);
            else if (v instanceof String[] arr && arr.length == 1) out.put(k, arr[0]);
        }
        return out;
    }

    static Optional<VoxelSize> voxelSize(Path file, Dataset d) {
        Attribute a = d.getAttributes().get(VOXEL_SIZE_ATTRIBUTE);
        if (a == null) return Optional.empty();
        double[] v = numbers(a.getData());
        if (v.length == 1) v = new double[] {v[0], v[0], v[0]};
        if (v.length == 2 && v[0] == v[1]) v = new double[] {v[0], v[0], v[1]};
        if (v.length != 3) throw new FormatException(file, VOXEL_SIZE_ATTRIBUTE + " of " + d.getPath() + " needs 3 values (z, y, x), has " + v.length);
        try {
            return Optional.of(new VoxelSize(v[2], v[1], v[0]));
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, VOXEL_SIZE_ATTRIBUTE + " of " + d.getPath() + ": " + e.getMessage());
        }
    }

    private static double[] numbers(Object data) {
        if (data instanceof Number) return new double[] {((Number) data).doubleValue()};
        if (data != null && data.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(data);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                Object o = java.lang.reflect.Array.get(data, i);
                if (!(o instanceof Number)) return new double[0];
                out[i] = ((Number) o).doubleValue();
            }
            return out;
        }
        return new double[0];
    }

    /**
     * Copies a (nested) array as jhdf returns it, C order, into a voxel array of {@code t}, x fastest.
     * jhdf widens unsigned types (uint8 and uint16 to {@code int}, uint32 to {@code long}); they are narrowed back bit for bit.
     */
    static Object flatten(Object jhdfData, DataType t, int voxels) {
        Object out = org.scrollwork.io.VoxelArrays.allocate(t, voxels);
        int end = copy(jhdfData, t, out, 0);
        if (end != voxels) throw new IllegalStateException("jhdf returned " + end + " voxels, expected " + voxels);
        return out;
    }

    private static int copy(Object src, DataType t, Object dst, int at) {
        if (src instanceof Object[]) {
            for (Object o : (Object[]) src) at = copy(o, t, dst, at);
            return at;
        }
        int n = java.lang.reflect.Array.getLength(src);
        if (src instanceof int[] && t == DataType.UINT8) {
            int[] s = (int[]) src;
            byte[] d = (byte[]) dst;
            for (int i = 0; i < n; i++) d[at + i] = (byte) s[i];
        } else if (src instanceof int[] && t == DataType.UINT16) {
            int[] s = (int[]) src;
            short[] d = (short[]) dst;
            for (int i = 0; i < n; i++) d[at + i] = (short) s[i];
        } else if (src instanceof long[] && t == DataType.UINT32) {
            long[] s = (long[]) src;
            int[] d = (int[]) dst;
            for (int i = 0; i < n; i++) d[at + i] = (int) s[i];
        } else if (src.getClass() == dst.getClass()) {
            System.arraycopy(src, 0, dst, at, n);
        } else {
            throw new IllegalStateException("jhdf returned " + src.getClass().getSimpleName() + " for " + t.numpyName());
        }
        return at + n;
    }
}
