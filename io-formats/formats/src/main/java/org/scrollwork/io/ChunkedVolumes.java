package org.scrollwork.io;

import java.util.LinkedHashMap;
import java.util.Map;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.cell.AbstractCellImg;
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
        DataType dt = volume.dataType();
        int n = Math.multiplyExact(Math.multiplyExact(size[0], size[1]), size[2]);
        Object out = VoxelArrays.allocate(dt, n);
        RandomAccessibleInterval<T> source = volume.image();
        if (source instanceof ArrayImg<?, ?> arrayImg) {
            long[] dims = arrayImg.dimensionsAsLongArray();
            copyRows(((ArrayDataAccess<?>) arrayImg.update(null)).getCurrentStorageArray(), new long[3], dims, out, min, size);
            return out;
        }
        if (source instanceof AbstractCellImg<?, ?, ?, ?> cellImg) {
            copyFromCells(cellImg, out, min, size);
            return out;
        }
        RandomAccessibleInterval<T> img = Views.zeroMin(source);
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

    /** Copies the intersection of one stored block ({@code data} at {@code dataMin} with {@code dataDims}) into {@code out}, row by row. */
    private static void copyRows(Object data, long[] dataMin, long[] dataDims, Object out, long[] min, int[] size) {
        long x0 = Math.max(min[0], dataMin[0]), x1 = Math.min(min[0] + size[0], dataMin[0] + dataDims[0]);
        long y0 = Math.max(min[1], dataMin[1]), y1 = Math.min(min[1] + size[1], dataMin[1] + dataDims[1]);
        long z0 = Math.max(min[2], dataMin[2]), z1 = Math.min(min[2] + size[2], dataMin[2] + dataDims[2]);
        if (x0 >= x1 || y0 >= y1 || z0 >= z1) return;
        int len = (int) (x1 - x0);
        for (long z = z0; z < z1; z++) {
            for (long y = y0; y < y1; y++) {
                long src = ((z - dataMin[2]) * dataDims[1] + (y - dataMin[1])) * dataDims[0] + (x0 - dataMin[0]);
                long dst = ((z - min[2]) * size[1] + (y - min[1])) * size[0] + (x0 - min[0]);
                System.arraycopy(data, (int) src, out, (int) dst, len);
            }
        }
    }

    /** Copies a block out of a cell image cell by cell, touching only the cells it intersects. */
    private static void copyFromCells(AbstractCellImg<?, ?, ?, ?> img, Object out, long[] min, int[] size) {
        CellGrid grid = img.getCellGrid();
        int[] cellDims = new int[3];
        grid.cellDimensions(cellDims);
        long[] g0 = new long[3];
        long[] g1 = new long[3];
        for (int d = 0; d < 3; d++) {
            g0[d] = min[d] / cellDims[d];
            g1[d] = (min[d] + size[d] - 1) / cellDims[d];
        }
        RandomAccess<? extends Cell<?>> cells = img.getCells().randomAccess();
        long[] gp = new long[3];
        long[] cellMin = new long[3];
        long[] cellSize = new long[3];
        for (gp[2] = g0[2]; gp[2] <= g1[2]; gp[2]++) {
            for (gp[1] = g0[1]; gp[1] <= g1[1]; gp[1]++) {
                for (gp[0] = g0[0]; gp[0] <= g1[0]; gp[0]++) {
                    cells.setPosition(gp);
                    Cell<?> cell = cells.get();
                    cell.min(cellMin);
                    cell.dimensions(cellSize);
                    copyRows(((ArrayDataAccess<?>) cell.getData()).getCurrentStorageArray(), cellMin, cellSize, out, min, size);
                }
            }
        }
    }

    /** Copies a whole 2-D slice {@code z} of a volume into a voxel array, x fastest. */
    public static <T extends NativeType<T> & RealType<T>> Object readSlice(Volume<T> volume, long z) {
        long[] s = volume.shape();
        return readBlock(volume, new long[] {0, 0, z}, new int[] {Math.toIntExact(s[0]), Math.toIntExact(s[1]), 1});
    }
}
