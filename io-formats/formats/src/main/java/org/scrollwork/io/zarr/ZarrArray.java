package org.scrollwork.io.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.CorruptDataException;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelArrays;

/**
 * One Zarr array on disk (v2 {@code .zarray}, or v3 {@code zarr.json} for reading), opened for reading: its validated {@code .zarray} and chunk decoding.
 * Chunks are read one file at a time; nothing is cached here (the lazy volume caches decoded chunks).
 */
public final class ZarrArray {
    private final Path store;
    private final Path dir;
    private final ZarrArrayMetadata meta;

    private ZarrArray(Path store, Path dir, ZarrArrayMetadata meta) {
        this.store = store;
        this.dir = dir;
        this.meta = meta;
    }

    /**
     * Opens the array in directory {@code dir} of {@code store} by parsing its {@code .zarray} (or v3 {@code zarr.json}).
     *
     * @throws org.scrollwork.io.FormatException naming the {@code .zarray} when it is missing or malformed
     */
    public static ZarrArray open(Path store, Path dir) {
        Path v3 = dir.resolve("zarr.json");
        if (!Files.exists(dir.resolve(".zarray")) && Files.exists(v3)) return new ZarrArray(store, dir, ZarrV3Metadata.parseArray(store, v3));
        return new ZarrArray(store, dir, ZarrArrayMetadata.parse(store, dir.resolve(".zarray")));
    }

    public ZarrArrayMetadata metadata() { return meta; }

    public Path directory() { return dir; }

    /** The file holding the chunk at grid position {@code [x, y, z]} (which may not exist). */
    public Path chunkFile(long[] gridXyz) {
        return ZarrKeys.resolve(store, dir, meta.chunkKey(gridXyz));
    }

    /**
     * Reads one chunk, clipped to the array: a voxel array (see {@link VoxelArrays}) of
     * {@code size[0]*size[1]*size[2]} voxels, x fastest. A missing chunk file reads as the fill value.
     *
     * @throws CorruptDataException naming the chunk file when it does not decode to exactly one chunk
     */
    public Object readChunk(long[] gridXyz, int[] size) {
        Path file = chunkFile(gridXyz);
        DataType t = meta.dataType();
        int n = size[0] * size[1] * size[2];
        byte[] stored;
        try {
            if (Files.isDirectory(file)) throw new CorruptDataException(file, -1, "a directory where a chunk file belongs");
            long len = Files.size(file);
            if (len > 2L * meta.chunkBytes() + 4096) {
                throw new CorruptDataException(file, -1, "chunk file of " + len + " bytes is larger than any encoding of a " + meta.chunkBytes() + "-byte chunk");
            }
            stored = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return filled(t, n, meta.fillValue());
        } catch (IOException e) {
            if (!Files.exists(file)) return filled(t, n, meta.fillValue());
            throw new UncheckedIOException("could not read chunk " + file + ": " + e.getMessage(), e);
        }
        byte[] raw;
        try {
            raw = meta.codec().decode(stored, meta.chunkBytes());
        } catch (ZarrCodec.ChunkDecodeException e) {
            throw new CorruptDataException(file, -1, e.getMessage(), e);
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
        return VoxelArrays.decode(t, ByteBuffer.wrap(compact), n, meta.byteOrder());
    }

    /** The array as a lazy volume: each Zarr chunk is one cell, decoded on first access. */
    public Volume<?> volume(ScanMetadata scanMeta, long cacheBytes) {
        long[] shape = meta.shapeXyz();
        int[] chunk = meta.chunkXyz();
        int[] cell = new int[3];
        for (int d = 0; d < 3; d++) cell[d] = (int) Math.min(chunk[d], shape[d]);
        // a chunk larger than the array becomes a cell clipped to the array (one cell along that axis)
        return ChunkedVolumes.lazy(shape, cell, scanMeta, (grid, min, size) -> readChunk(grid, size), cacheBytes);
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
