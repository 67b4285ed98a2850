package org.scrollwork.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChunkedVolumesTest {

    /** Voxel value as a closed form of its coordinates. */
    private static short value(long x, long y, long z) { return (short) (x + 100 * y + 10_000 * z); }

    private static ChunkedVolumes.ChunkLoader closedForm(AtomicInteger loads, Set<List<Long>> seen) {
        return (grid, min, size) -> {
            loads.incrementAndGet();
            seen.add(List.of(grid[0], grid[1], grid[2]));
            short[] a = new short[size[0] * size[1] * size[2]];
            int i = 0;
            for (int z = 0; z < size[2]; z++)
                for (int y = 0; y < size[1]; y++)
                    for (int x = 0; x < size[0]; x++) a[i++] = value(min[0] + x, min[1] + y, min[2] + z);
            return a;
        };
    }

    @Test
    void lazyVolumeReadsEachVoxelFromTheRightChunkIncludingClippedEdges() {
        AtomicInteger loads = new AtomicInteger();
        Set<List<Long>> seen = new HashSet<>();
        Volume<?> v = ChunkedVolumes.lazy(new long[] {10, 7, 5}, new int[] {4, 3, 2}, ScanMetadata.of(DataType.UINT16), closedForm(loads, seen));
        for (long z = 0; z < 5; z++)
            for (long y = 0; y < 7; y++)
                for (long x = 0; x < 10; x++)
                    assertEquals(value(x, y, z) & 0xFFFF, (int) Volumes.get(v.image(), x, y, z), "at " + x + "," + y + "," + z);
        // 3 x 3 x 3 chunks, each loaded exactly once (the cache holds them all)
        assertEquals(27, seen.size());
        assertEquals(27, loads.get());
    }

    @Test
    void touchingOneVoxelLoadsOneChunk() {
        AtomicInteger loads = new AtomicInteger();
        Volume<?> v = ChunkedVolumes.lazy(new long[] {1000, 1000, 1000}, new int[] {64, 64, 64}, ScanMetadata.of(DataType.UINT16),
                closedForm(loads, new HashSet<>()));
        assertEquals(value(999, 5, 3) & 0xFFFF, (int) Volumes.get(v.image(), 999, 5, 3));
        assertEquals(1, loads.get());
    }

    @Test
    void cacheIsBounded() {
        AtomicInteger loads = new AtomicInteger();
        // chunks of 8 KiB, cache of 16 KiB: two chunks fit
        Volume<?> v = ChunkedVolumes.lazy(new long[] {64, 64, 3}, new int[] {64, 64, 1}, ScanMetadata.of(DataType.UINT16),
                closedForm(loads, new HashSet<>()), 16 << 10);
        for (int round = 0; round < 2; round++)
            for (long z = 0; z < 3; z++) Volumes.get(v.image(), 0, 0, z);
        assertEquals(6, loads.get(), "three slices cycled through a two-slice cache reload every time");
    }

    @Test
    void readBlockCopiesABoxXFastest() {
        Volume<?> v = ChunkedVolumes.lazy(new long[] {10, 7, 5}, new int[] {4, 3, 2}, ScanMetadata.of(DataType.UINT16),
                closedForm(new AtomicInteger(), new HashSet<>()));
        short[] b = (short[]) ChunkedVolumes.readBlock(v, new long[] {3, 2, 1}, new int[] {5, 4, 3});
        int i = 0;
        for (int z = 0; z < 3; z++)
            for (int y = 0; y < 4; y++)
                for (int x = 0; x < 5; x++) assertEquals(value(3 + x, 2 + y, 1 + z), b[i++]);
    }

    @Test
    void readBlockGivesTheSameAnswerForArrayImagesAndViews() {
        Volume<?> lazy = ChunkedVolumes.lazy(new long[] {10, 7, 5}, new int[] {4, 3, 2}, ScanMetadata.of(DataType.UINT16),
                closedForm(new AtomicInteger(), new HashSet<>()));
        Volume<?> inMemory = Volumes.copyToMemory((Volume) lazy);
        Volume<?> view = new Volume(net.imglib2.view.Views.translate(inMemory.image(), 5, -2, 9), inMemory.meta());
        for (Volume<?> v : List.of(inMemory, view)) {
            short[] b = (short[]) ChunkedVolumes.readBlock((Volume) v, new long[] {3, 2, 1}, new int[] {5, 4, 3});
            int i = 0;
            for (int z = 0; z < 3; z++)
                for (int y = 0; y < 4; y++)
                    for (int x = 0; x < 5; x++) assertEquals(value(3 + x, 2 + y, 1 + z), b[i++]);
        }
    }

    @Test
    void readBlockIntoABufferFillsItsFirstVoxels() {
        Volume<?> v = ChunkedVolumes.lazy(new long[] {10, 7, 5}, new int[] {4, 3, 2}, ScanMetadata.of(DataType.UINT16),
                closedForm(new AtomicInteger(), new HashSet<>()));
        short[] buffer = new short[5 * 4 * 3 + 7];
        java.util.Arrays.fill(buffer, (short) -1);
        ChunkedVolumes.readBlock((Volume) v, new long[] {3, 2, 1}, new int[] {5, 4, 3}, buffer);
        assertEquals(java.util.Arrays.toString((short[]) ChunkedVolumes.readBlock(v, new long[] {3, 2, 1}, new int[] {5, 4, 3})),
                java.util.Arrays.toString(java.util.Arrays.copyOf(buffer, 60)));
        assertEquals(-1, buffer[60], "voxels past the block are left alone");
        assertThrows(IllegalArgumentException.class, () -> ChunkedVolumes.readBlock((Volume) v, new long[3], new int[] {5, 4, 3}, new short[59]));
    }

    @Test
    void loaderReturningWrongSizeIsCaught() {
        Volume<?> v = ChunkedVolumes.lazy(new long[] {4, 4, 1}, new int[] {4, 4, 1}, ScanMetadata.of(DataType.UINT8), (g, m, s) -> new byte[3]);
        assertThrows(IllegalStateException.class, () -> Volumes.get(v.image(), 0, 0, 0));
    }

    @Test
    void voxelArraysEncodeBigEndianAsMostSignificantByteFirst() {
        byte[] be = VoxelArrays.encode(DataType.UINT16, new short[] {(short) 0x1234}, java.nio.ByteOrder.BIG_ENDIAN);
        assertEquals(0x12, be[0]);
        assertEquals(0x34, be[1]);
        float[] f = (float[]) VoxelArrays.decode(DataType.FLOAT32, java.nio.ByteBuffer.wrap(new byte[] {0x3f, (byte) 0x80, 0, 0}), 1,
                java.nio.ByteOrder.BIG_ENDIAN);
        assertEquals(1.0f, f[0]);
        assertTrue(DataType.UINT32.bytesPerVoxel() == 4);
    }

    /** Loads per chunk grid position. */
    private static ChunkedVolumes.ChunkLoader counted(Map<List<Long>, Integer> loads) {
        ChunkedVolumes.ChunkLoader inner = closedForm(new AtomicInteger(), new HashSet<>());
        return (grid, min, size) -> {
            loads.merge(List.of(grid[0], grid[1], grid[2]), 1, Integer::sum);
            return inner.load(grid, min, size);
        };
    }

    /** Every slice {@link ChunkedVolumes#forEachSlice} hands over, checked against the closed form, in order. */
    private static void checkSlices(Volume<?> v, long slabBytes) throws Exception {
        long[] s = v.shape();
        AtomicInteger next = new AtomicInteger();
        ChunkedVolumes.forEachSlice(v, slabBytes, (z, slice) -> {
            assertEquals(next.getAndIncrement(), z);
            short[] a = (short[]) slice;
            assertEquals(s[0] * s[1], a.length);
            for (int y = 0; y < s[1]; y++)
                for (int x = 0; x < s[0]; x++) assertEquals(value(x, y, z), a[(int) (y * s[0] + x)], "at " + x + "," + y + "," + z);
        });
        assertEquals(s[2], next.get());
    }

    @Test
    void slicesInZOrderLoadEachChunkOnceThoughASlabOfChunksOutgrowsTheCache() throws Exception {
        Map<List<Long>, Integer> loads = new HashMap<>();
        // 5 x 5 chunks per slab, a cache of 2: slice by slice, every slice would load all 25 again
        Volume<?> v = ChunkedVolumes.lazy(new long[] {40, 30, 37}, new int[] {8, 6, 8}, ScanMetadata.of(DataType.UINT16), counted(loads), 2 * 8 * 6 * 8 * 2);
        checkSlices(v, Long.MAX_VALUE);
        assertEquals(5 * 5 * 5, loads.size());
        assertEquals(Set.of(1), new HashSet<>(loads.values()), "loads per chunk: " + loads);
    }

    @Test
    void aSlabLargerThanTheBudgetReadsEachChunkInTheFewestPartsThatFit() throws Exception {
        Map<List<Long>, Integer> loads = new HashMap<>();
        Volume<?> v = ChunkedVolumes.lazy(new long[] {40, 30, 37}, new int[] {8, 6, 8}, ScanMetadata.of(DataType.UINT16), counted(loads), 0);
        long sliceBytes = 40 * 30 * 2;
        checkSlices(v, 3 * sliceBytes + 1);
        // three slices fit: chunks 8 deep are read in parts of 3, 3, 2; the last row, 5 deep, in 3 and 2
        for (Map.Entry<List<Long>, Integer> e : loads.entrySet()) assertEquals(e.getKey().get(2) < 4 ? 3 : 2, e.getValue(), "chunk " + e.getKey());
        loads.clear();
        checkSlices(v, sliceBytes - 1);
        assertEquals(5 * 5 * 5, loads.size(), "less than a slice still reads every slice, one at a time");
    }

    @Test
    void slicesOfInMemoryAndSliceChunkedVolumesAreHandedOverToo() throws Exception {
        Map<List<Long>, Integer> loads = new HashMap<>();
        Volume<?> slices = ChunkedVolumes.lazy(new long[] {10, 7, 5}, new int[] {10, 7, 1}, ScanMetadata.of(DataType.UINT16), counted(loads), 0);
        checkSlices(slices, Long.MAX_VALUE);
        assertEquals(Set.of(1), new HashSet<>(loads.values()));
        checkSlices(Volumes.copyToMemory((Volume) slices), Long.MAX_VALUE);
    }

    @Test
    void aStreamedSlabNeitherFillsTheCacheNorIgnoresWhatIsInIt() throws Exception {
        Map<List<Long>, Integer> loads = new HashMap<>();
        Volume<?> v = ChunkedVolumes.lazy(new long[] {16, 16, 16}, new int[] {8, 8, 8}, ScanMetadata.of(DataType.UINT16), counted(loads), 1 << 20);
        Volumes.get(v.image(), 0, 0, 0); // chunk (0, 0, 0) is now cached
        checkSlices(v, Long.MAX_VALUE);
        assertEquals(Set.of(1), new HashSet<>(loads.values()), "loads per chunk: " + loads);
        Volumes.get(v.image(), 15, 15, 15); // not cached by the streamed read: loaded again
        assertEquals(2, loads.get(List.of(1L, 1L, 1L)));
    }

    /** {@link #closedForm} declared safe to call from several threads, recording the threads it ran on. */
    private static final java.util.concurrent.atomic.AtomicReference<CorruptDataException> THROWN = new java.util.concurrent.atomic.AtomicReference<>();

    private static ChunkedVolumes.ChunkLoader concurrentClosedForm(AtomicInteger loads, Set<String> threads, long[] failAt) {
        ChunkedVolumes.ChunkLoader plain = closedForm(loads, java.util.concurrent.ConcurrentHashMap.newKeySet());
        return new ChunkedVolumes.ChunkLoader() {
            @Override public Object load(long[] grid, long[] min, int[] size) {
                threads.add(Thread.currentThread().getName());
                if (failAt != null && java.util.Arrays.equals(grid, failAt)) {
                    CorruptDataException e = new CorruptDataException(java.nio.file.Path.of("chunk", "1", "2"), -1, "bad chunk");
                    THROWN.set(e);
                    throw e;
                }
                return plain.load(grid, min, size);
            }

            @Override public boolean concurrent() { return true; }
        };
    }

    @Test
    void concurrentLoadersFillBoxesOnSeveralThreadsAndRethrowTheLoadersOwnException() {
        String before = System.getProperty("scrollwork.chunks.readThreads");
        System.setProperty("scrollwork.chunks.readThreads", "4");
        try {
            for (long[] box : new long[][] {{0, 0, 0, 10, 7, 5}, {1, 2, 1, 9, 7, 4}, {3, 0, 0, 4, 7, 5}}) {
                AtomicInteger loads = new AtomicInteger();
                Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
                Volume<?> v = ChunkedVolumes.lazy(new long[] {10, 7, 5}, new int[] {4, 3, 2}, ScanMetadata.of(DataType.UINT16),
                        concurrentClosedForm(loads, threads, null));
                long[] min = {box[0], box[1], box[2]};
                int[] size = {(int) (box[3] - box[0]), (int) (box[4] - box[1]), (int) (box[5] - box[2])};
                @SuppressWarnings({"unchecked", "rawtypes"})
                short[] got = (short[]) ChunkedVolumes.readBlock((Volume) v, min, size);
                int i = 0;
                for (int z = 0; z < size[2]; z++)
                    for (int y = 0; y < size[1]; y++)
                        for (int x = 0; x < size[0]; x++, i++) assertEquals(value(min[0] + x, min[1] + y, min[2] + z), got[i], "at " + x + "," + y + "," + z);
                assertTrue(loads.get() >= 1 && !threads.isEmpty());
            }
            // the loader's exception reaches the caller as it was thrown (type, message, path), from whichever thread
            Volume<?> bad = ChunkedVolumes.lazy(new long[] {10, 7, 5}, new int[] {4, 3, 2}, ScanMetadata.of(DataType.UINT16),
                    concurrentClosedForm(new AtomicInteger(), java.util.concurrent.ConcurrentHashMap.newKeySet(), new long[] {2, 1, 0}));
            @SuppressWarnings({"unchecked", "rawtypes"})
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> ChunkedVolumes.readBlock((Volume) bad, new long[3], new int[] {10, 7, 5}));
            assertTrue(e.getMessage().contains("bad chunk"), e.getMessage());
            assertEquals(java.nio.file.Path.of("chunk", "1", "2"), e.path());
            assertTrue(e == THROWN.get(), "the very exception the loader threw");
        } finally {
            if (before == null) System.clearProperty("scrollwork.chunks.readThreads");
            else System.setProperty("scrollwork.chunks.readThreads", before);
        }
    }
}
