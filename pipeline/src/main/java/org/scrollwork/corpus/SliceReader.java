package org.scrollwork.corpus;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.cell.AbstractCellImg;
import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelArrays;

/**
 * One z slice of a volume as a voxel array (x fastest), the unit of ingest. Array-backed and
 * cell-backed images (ArrayImg, CellImg, LazyCellImg: what readers and {@link ChunkedVolumes#lazy}
 * produce) are copied row by row from their storage arrays; any other image goes voxel by voxel
 * through {@link ChunkedVolumes#readSlice}. Both give identical arrays.
 */
final class SliceReader {
    private SliceReader() {}

    static Object slice(Volume<?> volume, long z) {
        Object fast = fastSlice(volume, z);
        return fast != null ? fast : readSlice(volume, z);
    }

    /** The slice copied from storage arrays, or null when the image is not array- or cell-backed. */
    static Object fastSlice(Volume<?> volume, long z) {
        DataType dt = volume.dataType();
        RandomAccessibleInterval<?> img = volume.image();
        Class<?> arrayClass = VoxelArrays.allocate(dt, 0).getClass();
        if (img instanceof ArrayImg) {
            Object storage = ((ArrayImg<?, ?>) img).update(null);
            if (storage instanceof ArrayDataAccess && ((ArrayDataAccess<?>) storage).getCurrentStorageArray().getClass() == arrayClass) {
                return fromArray(dt, ((ArrayDataAccess<?>) storage).getCurrentStorageArray(), img.dimension(0), img.dimension(1), z);
            }
        }
        if (img instanceof AbstractCellImg) {
            return fromCells(dt, (AbstractCellImg<?, ?, ?, ?>) img, z, arrayClass);
        }
        return null;
    }

    private static Object fromArray(DataType dt, Object storage, long sx, long sy, long z) {
        int n = Math.toIntExact(sx * sy);
        Object out = VoxelArrays.allocate(dt, n);
        System.arraycopy(storage, Math.toIntExact(z * n), out, 0, n);
        return out;
    }

    /** Copies the cells crossing slice z row by row; null when a cell's storage is not a plain array of the data type. */
    private static Object fromCells(DataType dt, AbstractCellImg<?, ?, ?, ?> img, long z, Class<?> arrayClass) {
        CellGrid grid = img.getCellGrid();
        long sx = img.dimension(0);
        int n = Math.toIntExact(sx * img.dimension(1));
        Object out = VoxelArrays.allocate(dt, n);
        long[] gridDims = grid.getGridDimensions();
        long gz = z / grid.cellDimension(2);
        RandomAccess<? extends Cell<?>> ra = img.getCells().randomAccess();
        long[] pos = new long[3];
        int[] dims = new int[3];
        for (long gy = 0; gy < gridDims[1]; gy++) {
            for (long gx = 0; gx < gridDims[0]; gx++) {
                pos[0] = gx;
                pos[1] = gy;
                pos[2] = gz;
                ra.setPosition(pos);
                Cell<?> cell = ra.get();
                if (!(cell.getData() instanceof ArrayDataAccess)) return null;
                Object data = ((ArrayDataAccess<?>) cell.getData()).getCurrentStorageArray();
                if (data.getClass() != arrayClass) return null;
                cell.dimensions(dims);
                long x0 = cell.min(0), y0 = cell.min(1);
                int lz = (int) (z - cell.min(2));
                for (int ly = 0; ly < dims[1]; ly++) {
                    System.arraycopy(data, (lz * dims[1] + ly) * dims[0], out, (int) ((y0 + ly) * sx + x0), dims[0]);
                }
            }
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object readSlice(Volume<?> volume, long z) {
        return typed((Volume) volume, z);
    }

    private static <T extends NativeType<T> & RealType<T>> Object typed(Volume<T> v, long z) {
        return ChunkedVolumes.readSlice(v, z);
    }
}
