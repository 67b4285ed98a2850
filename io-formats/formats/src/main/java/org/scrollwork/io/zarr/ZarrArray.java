package org.scrollwork.io.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.CorruptDataException;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelArrays;

/**
 * One Zarr array of a store (v2 {@code .zarray}, or v3 {@code zarr.json} for reading), opened for reading: its validated metadata and chunk decoding.
 * Chunks are read one key at a time from its {@link ZarrStore} (a folder or a URL), after a {@link ZarrStore#prefetch} of
 * the chunks a region needs; nothing is cached here (the lazy volume caches decoded chunks, {@link CachingZarrStore} the
 * fetched bytes).
 */
public final class ZarrArray {
    private final ZarrStore store;
    private final String dir;
    private final ZarrArrayMetadata meta;
    private final int zarrFormat;

    private ZarrArray(ZarrStore store, String dir, ZarrArrayMetadata meta, int zarrFormat) {
        this.store = store;
        this.dir = dir;
        this.meta = meta;
        this.zarrFormat = zarrFormat;
    }

    /**
     * Opens the array under key {@code dir} ({@code ""} for the root; normalized by {@link ZarrKeys#normalize}) of a store.
     *
     * @throws org.scrollwork.io.FormatException naming the {@code .zarray} when it is missing or malformed
     */
    public static ZarrArray open(ZarrStore store, String dir) {
        try {
            return openNamed(store, dir);
        } catch (FormatException e) {
            throw store.named(e);
        }
    }

    private static ZarrArray openNamed(ZarrStore store, String dir) {
        String v2 = ZarrKeys.join(dir, ".zarray");
        Optional<JsonNode> n = ZarrJson.read(store, v2);
        if (n.isPresent()) return new ZarrArray(store, dir, ZarrArrayMetadata.parse(n.get(), store.path(v2)), 2);
        String v3 = ZarrKeys.join(dir, "zarr.json");
        n = ZarrJson.read(store, v3);
        if (n.isPresent()) return new ZarrArray(store, dir, ZarrV3Metadata.parseArray(n.get(), store.path(v3)), 3);
        throw new FormatException(store.path(v2), "missing");
    }

    /** An array whose {@code .zarray} (format 2) or {@code zarr.json} (format 3) at {@code dir} is already read. */
    static ZarrArray of(ZarrStore store, String dir, JsonNode metadata, int zarrFormat) {
        String key = ZarrKeys.join(dir, zarrFormat == 2 ? ".zarray" : "zarr.json");
        ZarrArrayMetadata m = zarrFormat == 2 ? ZarrArrayMetadata.parse(metadata, store.path(key)) : ZarrV3Metadata.parseArray(metadata, store.path(key));
        return new ZarrArray(store, dir, m, zarrFormat);
    }

    public ZarrArrayMetadata metadata() { return meta; }

    /** 2 or 3. */
    public int zarrFormat() { return zarrFormat; }

    /** The key of the array's directory in its store, {@code ""} for the root. */
    public String directory() { return dir; }

    /** The key of the chunk at grid position {@code [x, y, z]} (which may not be stored). */
    public String chunkKey(long[] gridXyz) {
        return ZarrKeys.join(dir, meta.chunkKey(gridXyz));
    }

    /**
     * Reads one chunk, clipped to the array: a voxel array (see {@link VoxelArrays}) of
     * {@code size[0]*size[1]*size[2]} voxels, x fastest. A chunk the store does not hold reads as the fill value.
     *
     * @throws CorruptDataException naming the chunk's file or URL when it does not decode to exactly one chunk
     */
    public Object readChunk(long[] gridXyz, int[] size) {
        String key = chunkKey(gridXyz);
        DataType t = meta.dataType();
        int n = size[0] * size[1] * size[2];
        Optional<byte[]> bytes = store.read(key, maxStoredBytes());
        if (bytes.isEmpty()) return filled(t, n, meta.fillValue());
        byte[] stored = bytes.get();
        byte[] raw;
        try {
            raw = meta.codec().decode(stored, meta.chunkBytes());
        } catch (ZarrCodec.ChunkDecodeException e) {
            throw store.named(new CorruptDataException(store.path(key), -1, e.getMessage(), e));
        }
        int[] c = meta.chunkXyz();
        int bpv = t.bytesPerVoxel();
        byte[] compact;
        if (size[0] == c[0] && size[1] == c[1]) {
            compact = raw; // rows and planes are whole: the first n voxels are the chunk
        } else {
            compact = new byte[n * bpv];
            int row = size[0] * bpv;
            int i = 0;
            for (int z = 0; z < size[2]; z++) {
                for (int y = 0; y < size[1]; y++, i += row) {
                    System.arraycopy(raw, ((z * c[1] + y) * c[0]) * bpv, compact, i, row);
                }
            }
        }
        if (t == DataType.UINT8) return compact.length == n ? compact : Arrays.copyOf(compact, n); // bytes are the voxels: no copy
        return VoxelArrays.decode(t, ByteBuffer.wrap(compact), n, meta.byteOrder());
    }

    /** The most bytes a stored chunk may take: its raw size twice (a compressor's worst case, generously), and a header. */
    private long maxStoredBytes() {
        return 2L * meta.chunkBytes() + 4096;
    }

    /**
     * Tells the store that the chunks at these grid positions are about to be read ({@link ZarrStore#prefetch}): a store
     * read over HTTP through a cache fetches the ones it lacks, several at a time.
     *
     * @throws FormatException naming a chunk's URL when it cannot be fetched
     */
    public void prefetchChunks(List<long[]> gridXyz) {
        List<String> keys = new ArrayList<>(gridXyz.size());
        for (long[] g : gridXyz) keys.add(chunkKey(g));
        try {
            store.prefetch(keys, maxStoredBytes());
        } catch (FormatException e) {
            throw store.named(e);
        }
    }

    /** The array as a lazy volume: each Zarr chunk is one cell, decoded on first access; a region's chunks are prefetched. */
    public Volume<?> volume(ScanMetadata scanMeta, long cacheBytes) {
        long[] shape = meta.shapeXyz();
        int[] chunk = meta.chunkXyz();
        int[] cell = new int[3];
        for (int d = 0; d < 3; d++) cell[d] = (int) Math.min(chunk[d], shape[d]);
        // a chunk larger than the array becomes a cell clipped to the array (one cell along that axis)
        return ChunkedVolumes.lazy(shape, cell, scanMeta, new ChunkedVolumes.ChunkLoader() {
            @Override public Object load(long[] grid, long[] min, int[] size) { return readChunk(grid, size); }

            @Override public void prefetch(List<long[]> grid) { prefetchChunks(grid); }

            /** Stores are safe for concurrent reads ({@link ZarrStore}) and codecs keep no state between chunks. */
            @Override public boolean concurrent() { return true; }
        }, cacheBytes);
    }

    static Object filled(DataType t, int n, double v) {
        Object a = VoxelArrays.allocate(t, n);
        if (v == 0) return a;
        switch (t) {
            case UINT8: Arrays.fill((byte[]) a, (byte) (long) v); break;
            case UINT16: case INT16: Arrays.fill((short[]) a, (short) (long) v); break;
            case UINT32: Arrays.fill((int[]) a, (int) (long) v); break;
            case FLOAT32: Arrays.fill((float[]) a, (float) v); break;
            case FLOAT64: Arrays.fill((double[]) a, v); break;
            default: throw new AssertionError(t);
        }
        return a;
    }
}
