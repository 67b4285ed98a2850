package org.scrollwork.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
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
import net.imglib2.util.IntervalIndexer;
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

        /**
         * A hint that the chunks at these grid positions (none of them decoded in the volume's cache) are about to be
         * loaded, in this order: a loader that reads over a network may fetch them now, several at a time. Does nothing by
         * default. Reads of a box ({@link #readBlock}, {@link #forEachSlice}) give it up to {@link #PREFETCH_WINDOW} chunks
         * at a time, and {@link #prefetch} a whole box.
         */
        default void prefetch(List<long[]> gridPositions) {}

        /**
         * Whether {@link #load} may be called from several threads at once (each call for a different chunk). A box read
         * ({@link #readBlock}, {@link #forEachSlice}) then loads the chunks it lacks on up to {@link #readThreads()} threads,
         * each copying its chunk into the caller's array. False by default.
         */
        default boolean concurrent() { return false; }
    }

    /**
     * Threads a box read of a lazy volume with a {@linkplain ChunkLoader#concurrent concurrent} loader uses: the system
     * property {@code scrollwork.chunks.readThreads} when set, else the common fork-join pool's parallelism plus the caller.
     */
    public static int readThreads() {
        return Math.max(1, Integer.getInteger("scrollwork.chunks.readThreads", ForkJoinPool.getCommonPoolParallelism() + 1));
    }

    /** Chunks a box read hands to {@link ChunkLoader#prefetch} at once, before it copies them. */
    public static final int PREFETCH_WINDOW = 64;

    /**
     * The fast path of a lazy volume whose chunks are whole z-slices: decodes a run of slices straight into the
     * caller's array, bypassing the cache (used when a read covers whole slices, such as a full-volume copy or a slab
     * of {@link #forEachSlice}).
     */
    @FunctionalInterface
    public interface SliceRangeLoader {
        /**
         * Writes slices {@code [z0, z1)} into {@code out} from voxel {@code at} on, in z order, x fastest; exactly
         * {@code (z1 - z0) * width * height} voxels. May decode slices in parallel; returns when all are written.
         */
        void loadSlices(int z0, int z1, Object out, int at);
    }

    /**
     * {@link #lazy(long[], int[], ScanMetadata, ChunkLoader, long)} for chunks that are whole z-slices ({@code chunkShape}
     * is {@code {shape[0], shape[1], 1}}), with {@code slices} to read runs of slices that are not cached straight
     * into a caller's array.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Volume<?> lazySlices(long[] shape, ScanMetadata meta, ChunkLoader loader, SliceRangeLoader slices, long cacheBytes) {
        int[] chunkShape = {Math.toIntExact(shape[0]), Math.toIntExact(shape[1]), 1};
        CellGrid grid = new CellGrid(shape, chunkShape);
        DataType t = meta.dataType();
        long chunkBytes = (long) chunkShape[0] * chunkShape[1] * t.bytesPerVoxel();
        int capacity = (int) Math.max(2, Math.min(Integer.MAX_VALUE, cacheBytes / Math.max(1, chunkBytes)));
        CachedChunks chunks = new CachedChunks(grid, t, loader, capacity, slices);
        return new Volume(new LazyChunkImg(grid, t.createType(), chunks), meta);
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
        CachedChunks chunks = new CachedChunks(grid, t, loader, capacity, null);
        return new Volume(new LazyChunkImg(grid, t.createType(), chunks), meta);
    }

    /** A lazy volume's image: a {@link LazyCellImg} that lets streamed reads reach its chunks without filling its cache. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class LazyChunkImg extends LazyCellImg {
        final CachedChunks chunks;

        LazyChunkImg(CellGrid grid, NativeType type, CachedChunks chunks) {
            super(grid, type, (LazyCellImg.Get) chunks);
            this.chunks = chunks;
        }
    }

    /** Loads chunks by flat grid index and keeps the last {@code capacity} in a least-recently-used cache. */
    private static final class CachedChunks implements LazyCellImg.Get<Cell<ArrayDataAccess<?>>> {
        private final CellGrid grid;
        private final DataType type;
        private final ChunkLoader loader;
        private final Map<Long, Cell<ArrayDataAccess<?>>> cache;
        /** Reads runs of whole slices past the cache; null unless every chunk is one whole z-slice. */
        final SliceRangeLoader slices;

        private final int capacity;
        /** Most slices a whole-slice read may put into the cache (see {@link #readSlices}). */
        static final int MAX_CACHED_SLICE_READ = 8;

        CachedChunks(CellGrid grid, DataType type, ChunkLoader loader, int capacity, SliceRangeLoader slices) {
            this.slices = slices;
            this.capacity = capacity;
            this.grid = grid;
            this.type = type;
            this.loader = loader;
            this.cache = new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override protected boolean removeEldestEntry(Map.Entry<Long, Cell<ArrayDataAccess<?>>> eldest) {
                    return size() > capacity;
                }
            };
        }

        /** The chunk from the cache, or loaded and cached. */
        @Override public Cell<ArrayDataAccess<?>> get(long index) {
            Cell<ArrayDataAccess<?>> c = cached(index);
            if (c != null) return c;
            c = load(index);
            synchronized (cache) {
                cache.put(index, c);
            }
            return c;
        }

        /** The chunk from the cache, or loaded without caching it (for a streamed read that will not come back). */
        Cell<ArrayDataAccess<?>> getUncached(long index) {
            Cell<ArrayDataAccess<?>> c = cached(index);
            return c != null ? c : load(index);
        }

        /** Hands the positions among {@code gridPositions} whose chunks are not cached to the loader's {@link ChunkLoader#prefetch}. */
        void prefetch(List<long[]> gridPositions) {
            long[] dims = grid.getGridDimensions();
            List<long[]> missing = new ArrayList<>(gridPositions.size());
            for (long[] p : gridPositions) {
                if (cached(IntervalIndexer.positionToIndex(p, dims)) == null) missing.add(p);
            }
            if (!missing.isEmpty()) loader.prefetch(missing);
        }

        /**
         * Copies slices {@code [z0, z0 + n)} into {@code out}: cached slices from the cache, each run of the others
         * through {@link #slices} straight into {@code out}. With {@code cache}, a read of a few slices (at most
         * {@link #MAX_CACHED_SLICE_READ} and a quarter of the cache) also puts copies of the slices it decoded into the
         * cache (a viewer going back to a slice finds it there); larger reads (a whole volume) and streamed ones leave
         * the cache alone.
         */
        void readSlices(Object out, int z0, int n, boolean cache) {
            int sliceVoxels = Math.toIntExact(grid.imgDimension(0) * grid.imgDimension(1));
            int z = z0;
            while (z < z0 + n) {
                Cell<ArrayDataAccess<?>> c = cached(z);
                if (c != null) {
                    System.arraycopy(c.getData().getCurrentStorageArray(), 0, out, (z - z0) * sliceVoxels, sliceVoxels);
                    z++;
                    continue;
                }
                int e = z + 1;
                while (e < z0 + n && cached(e) == null) e++;
                slices.loadSlices(z, e, out, (z - z0) * sliceVoxels);
                if (cache && n <= Math.min(MAX_CACHED_SLICE_READ, capacity / 4)) {
                    for (int k = z; k < e; k++) {
                        Object copy = VoxelArrays.allocate(type, sliceVoxels);
                        System.arraycopy(out, (k - z0) * sliceVoxels, copy, 0, sliceVoxels);
                        Cell<ArrayDataAccess<?>> slice = new Cell<>(new int[] {(int) grid.imgDimension(0), (int) grid.imgDimension(1), 1},
                                new long[] {0, 0, k}, VoxelArrays.wrap(type, copy));
                        synchronized (this.cache) {
                            this.cache.put((long) k, slice);
                        }
                    }
                }
                z = e;
            }
        }

        private Cell<ArrayDataAccess<?>> cached(long index) {
            synchronized (cache) {
                return cache.get(index);
            }
        }

        private Cell<ArrayDataAccess<?>> load(long index) {
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
            return new Cell<>(size, min, VoxelArrays.wrap(type, data));
        }
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
        int n = Math.multiplyExact(Math.multiplyExact(size[0], size[1]), size[2]);
        Object out = VoxelArrays.allocate(volume.dataType(), n);
        fill(volume, out, min, size, false);
        return out;
    }

    /**
     * Copies a box of a volume into the first {@code size[0]*size[1]*size[2]} voxels of {@code out}, x fastest: for a
     * copy that reuses one buffer, where a new large array per block can fail for want of contiguous heap (G1 places an
     * array of half a region or more in whole regions of its own) though the heap has room.
     */
    public static <T extends NativeType<T> & RealType<T>> void readBlock(Volume<T> volume, long[] min, int[] size, Object out) {
        long n = (long) size[0] * size[1] * size[2];
        if (VoxelArrays.length(out) < n) throw new IllegalArgumentException("a buffer of " + VoxelArrays.length(out) + " voxels for a block of " + n);
        fill(volume, out, min, size, false);
    }

    /**
     * Copies a box of a volume into the first voxels of {@code out}, x fastest; {@code streamed}: the chunks of a lazy
     * volume that are not cached already are loaded without being cached.
     */
    private static <T extends NativeType<T> & RealType<T>> void fill(Volume<T> volume, Object out, long[] min, int[] size, boolean streamed) {
        DataType dt = volume.dataType();
        RandomAccessibleInterval<T> source = volume.image();
        if (source instanceof ArrayImg<?, ?> arrayImg) {
            long[] dims = arrayImg.dimensionsAsLongArray();
            copyRows(((ArrayDataAccess<?>) arrayImg.update(null)).getCurrentStorageArray(), new long[3], dims, out, min, size);
            return;
        }
        if (source instanceof LazyChunkImg lazy && lazy.chunks.slices != null && min[0] == 0 && min[1] == 0
                && size[0] == source.dimension(0) && size[1] == source.dimension(1)) {
            lazy.chunks.readSlices(out, Math.toIntExact(min[2]), size[2], !streamed);
            return;
        }
        if (source instanceof AbstractCellImg<?, ?, ?, ?> cellImg) {
            copyFromCells(cellImg, out, min, size, source instanceof LazyChunkImg lazy ? lazy.chunks : null, streamed);
            return;
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
    }

    /**
     * Copies the intersection of one stored block ({@code data} at {@code dataMin} with {@code dataDims}) into {@code out}:
     * row by row, or whole planes (whole blocks) at once where the rows (planes) are contiguous in both.
     */
    private static void copyRows(Object data, long[] dataMin, long[] dataDims, Object out, long[] min, int[] size) {
        long x0 = Math.max(min[0], dataMin[0]), x1 = Math.min(min[0] + size[0], dataMin[0] + dataDims[0]);
        long y0 = Math.max(min[1], dataMin[1]), y1 = Math.min(min[1] + size[1], dataMin[1] + dataDims[1]);
        long z0 = Math.max(min[2], dataMin[2]), z1 = Math.min(min[2] + size[2], dataMin[2] + dataDims[2]);
        if (x0 >= x1 || y0 >= y1 || z0 >= z1) return;
        int len = (int) (x1 - x0);
        int rows = 1;
        if (len == dataDims[0] && len == size[0]) { // whole rows in both: runs of rows are contiguous
            rows = (int) (y1 - y0);
            if (rows == dataDims[1] && rows == size[1]) rows *= (int) (z1 - z0); // whole planes in both: one run
        }
        int perRun = len * rows;
        long runs = (y1 - y0) * (z1 - z0) / rows;
        for (long r = 0; r < runs; r++) {
            long first = r * rows; // the run's first row, counted over (z, y) of the intersection
            long z = z0 + first / (y1 - y0), y = y0 + first % (y1 - y0);
            int src = (int) (((z - dataMin[2]) * dataDims[1] + (y - dataMin[1])) * dataDims[0] + (x0 - dataMin[0]));
            int dst = (int) (((z - min[2]) * size[1] + (y - min[1])) * size[0] + (x0 - min[0]));
            // typed copies: System.arraycopy of arrays whose type the JIT knows is an intrinsic, of Object arguments a call
            if (data instanceof byte[] a && out instanceof byte[] b) System.arraycopy(a, src, b, dst, perRun);
            else if (data instanceof short[] a && out instanceof short[] b) System.arraycopy(a, src, b, dst, perRun);
            else if (data instanceof float[] a && out instanceof float[] b) System.arraycopy(a, src, b, dst, perRun);
            else System.arraycopy(data, src, out, dst, perRun);
        }
    }

    /** Copies one cell's voxels that lie in the box {@code min, size} into {@code out}. */
    private static void copyCell(Cell<?> cell, Object out, long[] min, int[] size) {
        long[] cellMin = new long[3];
        long[] cellSize = new long[3];
        cell.min(cellMin);
        cell.dimensions(cellSize);
        copyRows(((ArrayDataAccess<?>) cell.getData()).getCurrentStorageArray(), cellMin, cellSize, out, min, size);
    }

    /**
     * Runs {@code task} for {@code 0 .. n-1} on the caller and up to {@code threads - 1} tasks of the common fork-join pool,
     * which take items from a shared counter until none are left (a thread the scheduler holds back holds the rest back
     * by one item at most; tasks that had not started when the items ran out are dropped, not waited for). Returns when
     * every item is done. The first exception is rethrown as it was (not wrapped), later ones added to it as suppressed;
     * after a failure no new item is started.
     */
    static void parallel(int n, int threads, IntConsumer task) {
        int t = Math.max(1, Math.min(threads, n));
        if (t == 1) {
            for (int i = 0; i < n; i++) task.accept(i);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CallerAndPool.run(t, () -> {
            for (int i; (i = next.getAndIncrement()) < n; ) task.accept(i);
        }, () -> next.set(n));
    }

    /**
     * Copies a block out of a cell image cell by cell, touching only the cells it intersects. For a lazy image
     * ({@code lazy}), each run of {@link #PREFETCH_WINDOW} cells is first handed to its loader's
     * {@link ChunkLoader#prefetch}; with {@code streamed}, its cells are taken without entering its cache.
     */
    private static void copyFromCells(AbstractCellImg<?, ?, ?, ?> img, Object out, long[] min, int[] size, CachedChunks lazy, boolean streamed) {
        CellGrid grid = img.getCellGrid();
        List<long[]> positions = cellsOf(grid, min, size);
        RandomAccess<? extends Cell<?>> cells = img.getCells().randomAccess();
        long[] gridDims = grid.getGridDimensions();
        int threads = lazy != null && lazy.loader.concurrent() ? readThreads() : 1;
        for (int w = 0; w < positions.size(); w += PREFETCH_WINDOW) {
            List<long[]> window = positions.subList(w, Math.min(positions.size(), w + PREFETCH_WINDOW));
            if (lazy != null) lazy.prefetch(window);
            if (threads > 1 && window.size() > 1) {
                // each thread loads chunks and copies them into their own parts of out
                parallel(window.size(), threads, i -> {
                    long index = IntervalIndexer.positionToIndex(window.get(i), gridDims);
                    copyCell(streamed ? lazy.getUncached(index) : lazy.get(index), out, min, size);
                });
                continue;
            }
            for (long[] gp : window) {
                Cell<?> cell;
                if (lazy != null && streamed) {
                    cell = lazy.getUncached(IntervalIndexer.positionToIndex(gp, gridDims));
                } else {
                    cells.setPosition(gp);
                    cell = cells.get();
                }
                copyCell(cell, out, min, size);
            }
        }
    }

    /** The grid positions of the cells a box {@code min, size} intersects, x fastest. */
    private static List<long[]> cellsOf(CellGrid grid, long[] min, long[] size) {
        int[] cellDims = new int[3];
        grid.cellDimensions(cellDims);
        long[] g0 = new long[3];
        long[] g1 = new long[3];
        for (int d = 0; d < 3; d++) {
            g0[d] = min[d] / cellDims[d];
            g1[d] = (min[d] + size[d] - 1) / cellDims[d];
        }
        List<long[]> positions = new ArrayList<>();
        for (long z = g0[2]; z <= g1[2]; z++) {
            for (long y = g0[1]; y <= g1[1]; y++) {
                for (long x = g0[0]; x <= g1[0]; x++) positions.add(new long[] {x, y, z});
            }
        }
        return positions;
    }

    private static List<long[]> cellsOf(CellGrid grid, long[] min, int[] size) {
        return cellsOf(grid, min, new long[] {size[0], size[1], size[2]});
    }

    /**
     * Hands the chunks of a box of a lazy volume that are not decoded yet to its loader's {@link ChunkLoader#prefetch},
     * {@link #PREFETCH_WINDOW} at a time, for a reader that then goes through the box some other way (a view of it, voxel
     * by voxel): a volume read over HTTP fetches them several at a time into its cache. Does nothing for other volumes.
     *
     * @param min first voxel of the box
     * @param size box size per axis
     */
    public static void prefetch(Volume<?> volume, long[] min, long[] size) {
        if (!(volume.image() instanceof LazyChunkImg lazy)) return;
        List<long[]> positions = cellsOf(lazy.getCellGrid(), min, size);
        for (int w = 0; w < positions.size(); w += PREFETCH_WINDOW) {
            lazy.chunks.prefetch(positions.subList(w, Math.min(positions.size(), w + PREFETCH_WINDOW)));
        }
    }

    /** Copies a whole 2-D slice {@code z} of a volume into a voxel array, x fastest. */
    public static <T extends NativeType<T> & RealType<T>> Object readSlice(Volume<T> volume, long z) {
        long[] s = volume.shape();
        return readBlock(volume, new long[] {0, 0, z}, new int[] {Math.toIntExact(s[0]), Math.toIntExact(s[1]), 1});
    }

    /** Receives the z-slices of a volume, in order (see {@link #forEachSlice}). */
    @FunctionalInterface
    public interface SliceSink {
        /** @param slice slice {@code z} as its own voxel array, x fastest */
        void accept(int z, Object slice) throws IOException;
    }

    /**
     * Hands every z-slice of {@code volume} to {@code sink}, in order, for writers that stream slice by slice. A volume
     * stored in chunks deeper than one slice is read a slab at a time, as deep as its chunks, into one buffer reused
     * for every slab: each chunk is then loaded once, where reading slice by slice loads it again for every slice as soon
     * as one slab of chunks outgrows the volume's cache. The slab takes at most half the heap; when a whole chunk depth
     * does not fit, each chunk's depth is read in the fewest equal parts that fit (each chunk loaded once per part),
     * down to one slice at a time. Chunks the slab loads do not enter the volume's cache.
     */
    public static void forEachSlice(Volume<?> volume, SliceSink sink) throws IOException {
        forEachSlice(volume, Runtime.getRuntime().maxMemory() / 2, sink);
    }

    /** {@link #forEachSlice(Volume, SliceSink)} with a slab of at most {@code slabBytes}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void forEachSlice(Volume<?> volume, long slabBytes, SliceSink sink) throws IOException {
        long[] s = volume.shape();
        int w = Math.toIntExact(s[0]);
        int h = Math.toIntExact(s[1]);
        int depth = Math.toIntExact(s[2]);
        int sliceVoxels = Math.multiplyExact(w, h);
        DataType dt = volume.dataType();
        int chunkDepth = volume.image() instanceof AbstractCellImg<?, ?, ?, ?> cells ? Math.min(depth, cells.getCellGrid().cellDimension(2)) : 1;
        long fits = Math.min(slabBytes / ((long) sliceVoxels * dt.bytesPerVoxel()), (Integer.MAX_VALUE - 8) / sliceVoxels);
        int parts = fits < 1 ? chunkDepth : (int) Math.max(1, (chunkDepth + fits - 1) / fits);
        Object slab = null;
        int slabDepth = 1;
        while (slab == null && parts < chunkDepth) {
            slabDepth = (chunkDepth + parts - 1) / parts;
            try {
                slab = VoxelArrays.allocate(dt, slabDepth * sliceVoxels);
            } catch (OutOfMemoryError e) {
                parts++; // the heap is more fragmented or fuller than its size says: a thinner slab
            }
        }
        if (slab == null) {
            for (int z = 0; z < depth; z++) sink.accept(z, readSlice((Volume) volume, z));
            return;
        }
        for (int z0 = 0; z0 < depth; z0 += chunkDepth) {
            int chunkEnd = Math.min(depth, z0 + chunkDepth);
            for (int p = z0; p < chunkEnd; p += slabDepth) {
                int n = Math.min(slabDepth, chunkEnd - p);
                fill((Volume) volume, slab, new long[] {0, 0, p}, new int[] {w, h, n}, true);
                for (int k = 0; k < n; k++) {
                    Object slice = VoxelArrays.allocate(dt, sliceVoxels);
                    System.arraycopy(slab, k * sliceVoxels, slice, 0, sliceVoxels);
                    sink.accept(p + k, slice);
                }
            }
        }
    }
}
