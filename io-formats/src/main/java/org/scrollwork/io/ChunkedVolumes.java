package org.scrollwork.io;

import java.util.LinkedHashMap;
import java.util.Map;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellGrid;
import net.imglib2.img.cell.LazyCellImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * Lazy volumes read chunk by chunk, and block copies for writers. A lazy volume keeps a bounded
 * least-recently-used cache of decoded chunks, so reading any region of a volume far larger than the
 * heap works: memory holds at most {@code cacheBytes} of voxels plus the chunk being decoded.
 */
public final class ChunkedVolumes {
    /** Default cache size for lazy volumes: 64 MiB of decoded voxels. */
    public static final long DEFAULT_CACHE_BYTES = 64L << 20;

    private ChunkedVolumes() {}

    /** Loads one chunk as a voxel array (see {@link VoxelArrays}) of exactly {@code size[0]*size[1]*size[2]} voxels, x fastest. */
    @FunctionalInterface
    public interface ChunkLoader {
        /**
         * @param gridPosition chunk coordinates (chunk index per axis)
         * @param min voxel coordinates of the chunk's first voxel
         * @param size the chunk's size, smaller than the nominal chunk at the volume's far edges
         */
        Object load(long[] gridPosition, long[] min, int[] size);
    }

    /**
     * A volume whose chunks are loaded by {@code loader} on first access and cached.
     *
     * @param shape {@code [x, y, z]}
     * @param chunkShape nominal chunk {@code [x, y, z]}; edge chunks are clipped to the shape
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Volume<?> lazy(long[] shape, int[] chunkShape, ScanMetadata meta, ChunkLoader loader, long cacheBytes) {
        CellGrid grid = new CellGrid(shape, chunkShape);
        DataType t = meta.dataType();
        long chunkBytes = (long) chunkShape[0] * chunkShape[1] * chunkShape[2] * t.bytesPerVoxel();
        int capacity = (int) Math.max(2, Math.min(Integer.MAX_VALUE, cacheBytes / Math.max(1, chunkBytes)));
        Map<Long, Cell<ArrayDataAccess<?>>> cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override protected boolean removeEldestEntry(Map.Entry<Long, Cell<ArrayDataAccess<?>>> eldest) {
                return size() > capacity;
            }
        };
        LazyCellImg.Get<Cell<ArrayDataAccess<?>>> get = index -> {
            synchronized (cache) {
                Cell<ArrayDataAccess<?>> c = cache.get(index);
                if (c != null) return c;
            }
            long[] gridPos = new long[3];
            grid.getCellGridPositionFlat(index, gridPos);
            long[] min = new long[3];
            int[] size = new int[3];
            grid.getCellDimensions(gridPos, min, size);
            Object data = loader.load(gridPos, min, size);
            int expected = size[0] * size[1] * size[2];
            if (VoxelArrays.length(data) != expected) {
                throw new IllegalStateException("chunk loader returned " + VoxelArrays.length(data) + " voxels for a chunk of " + expected);
            }
            Cell<ArrayDataAccess<?>> c = new Cell<>(size, min, VoxelArrays.wrap(t, data));
            synchronized (cache) {
                cache.put(index, c);
            }
            return c;
        };
        NativeType type = t.createType();
        LazyCellImg img = new LazyCellImg(grid, type, (LazyCellImg.Get) get);
        return new Volume(img, meta);
    }

    /** Same as {@link #lazy(long[], int[], ScanMetadata, ChunkLoader, long)} with the default cache. */
    public static Volume<?> lazy(long[] shape, int[] chunkShape, ScanMetadata meta, ChunkLoader loader) {
        return lazy(shape, chunkShape, meta, loader, DEFAULT_CACHE_BYTES);
    }

    /**
     * Copies a box of a volume into a new voxel array, x fastest. Costs one pass over the box.
     *
     * @param min first voxel of the box (relative to the image's own minimum)
     * @param size box size per axis
     */
    public static <T extends NativeType<T> & RealType<T>> Object readBlock(Volume<T> volume, long[] min, int[] size) {
        RandomAccessibleInterval<T> img = Views.zeroMin(volume.image());
        DataType dt = volume.dataType();
        int n = Math.multiplyExact(Math.multiplyExact(size[0], size[1]), size[2]);
        Object out = VoxelArrays.allocate(dt, n);
        RandomAccess<T> ra = img.randomAccess();
        int i = 0;
        long[] pos = new long[3];
        for (int z = 0; z < size[2]; z++) {
            for (int y = 0; y < size[1]; y++) {
                pos[0] = min[0];
                pos[1] = min[1] + y;
                pos[2] = min[2] + z;
                ra.setPosition(pos);
                for (int x = 0; x < size[0]; x++, i++) {
                    T v = ra.get();
                    switch (dt) {
                        case UINT8: ((byte[]) out)[i] = (byte) (int) v.getRealDouble(); break;
                        case UINT16: case INT16: ((short[]) out)[i] = (short) (int) v.getRealDouble(); break;
                        case UINT32: ((int[]) out)[i] = (int) (long) v.getRealDouble(); break;
                        case FLOAT32: ((float[]) out)[i] = v.getRealFloat(); break;
                        case FLOAT64: ((double[]) out)[i] = v.getRealDouble(); break;
                        default: throw new AssertionError(dt);
                    }
                    ra.fwd(0);
                }
            }
        }
        return out;
    }

    /** Copies a whole 2-D slice {@code z} of a volume into a voxel array, x fastest. */
    public static <T extends NativeType<T> & RealType<T>> Object readSlice(Volume<T> volume, long z) {
        long[] s = volume.shape();
        return readBlock(volume, new long[] {0, 0, z}, new int[] {Math.toIntExact(s[0]), Math.toIntExact(s[1]), 1});
    }
}
