package org.scrollwork.io.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelArrays;

/**
 * Writes one volume as a Zarr v2 array, slab by slab: a slab (all of x, several chunk rows of y, one
 * chunk of z; at most 128 MiB or an eighth of the heap) is read from the (possibly lazy) volume with
 * {@link ChunkedVolumes#readBlock} into one buffer reused for every slab, cut into chunks, each padded to the full chunk size at the far edges (with
 * the fill value 0), compressed on a worker thread and written as its own file. Memory holds one slab plus
 * {@code 2 × threads + 1} chunks at a time.
 */
final class ZarrArrayWriter {
    private ZarrArrayWriter() {}

    static void write(Path dir, Volume<?> volume, ZarrArrayMetadata meta, ExecutorService pool, int inFlight) throws IOException {
        Files.createDirectories(dir);
        ZarrJson.write(dir.resolve(".zarray"), meta.toJson());
        long[] shape = meta.shapeXyz();
        int[] chunk = meta.chunkXyz();
        long[] grid = new long[3];
        for (int d = 0; d < 3; d++) grid[d] = (shape[d] + chunk[d] - 1) / chunk[d];
        // Read whole slabs (all of x, as many chunk rows of y as fit the budget, one chunk of z) and cut
        // chunks out of them: a slice-chunked source (a TIFF stack) is then decoded once per slab, not
        // once per chunk.
        long rowBytes = shape[0] * chunk[1] * (long) chunk[2] * meta.dataType().bytesPerVoxel();
        long budget = Math.max(rowBytes, Math.min(128L << 20, Runtime.getRuntime().maxMemory() / 8));
        long rowsPerSlab = Math.max(1, Math.min(grid[1], budget / rowBytes));
        // one slab buffer for the whole array: allocated slab after slab, a large array can find no contiguous room in a
        // small heap whose free space the source's cached chunks fragment (an OutOfMemoryError at -Xmx256m, issue 16)
        Object slab = VoxelArrays.allocate(meta.dataType(),
                Math.toIntExact(shape[0] * Math.min(rowsPerSlab * chunk[1], shape[1]) * Math.min(chunk[2], shape[2])));
        Deque<Future<?>> pending = new ArrayDeque<>();
        try {
            for (long gz = 0; gz < grid[2]; gz++) {
                for (long gy0 = 0; gy0 < grid[1]; gy0 += rowsPerSlab) {
                    long[] slabMin = {0, gy0 * chunk[1], gz * chunk[2]};
                    int[] slabSize = {(int) shape[0], (int) Math.min(rowsPerSlab * chunk[1], shape[1] - slabMin[1]),
                            (int) Math.min(chunk[2], shape[2] - slabMin[2])};
                    block(volume, slabMin, slabSize, slab);
                    for (long gy = gy0; gy < Math.min(grid[1], gy0 + rowsPerSlab); gy++) {
                        for (long gx = 0; gx < grid[0]; gx++) {
                            long[] g = {gx, gy, gz};
                            int[] off = {(int) (gx * chunk[0]), (int) (gy * chunk[1] - slabMin[1]), 0};
                            int[] size = {(int) Math.min(chunk[0], shape[0] - gx * chunk[0]),
                                    (int) Math.min(chunk[1], shape[1] - gy * chunk[1]), slabSize[2]};
                            byte[] raw = VoxelArrays.encode(meta.dataType(), cut(slab, slabSize, off, size, meta), meta.byteOrder());
                            Path file = dir.resolve(meta.chunkKey(g));
                            while (pending.size() >= inFlight) await(pending.removeFirst());
                            pending.add(pool.submit(() -> {
                                writeChunk(file, meta.codec().encode(pad(raw, size, chunk, meta.dataType().bytesPerVoxel())));
                                return null;
                            }));
                        }
                    }
                }
            }
            while (!pending.isEmpty()) await(pending.removeFirst());
        } finally {
            pending.forEach(f -> f.cancel(true));
        }
    }

    /** The box {@code [off, off + size)} of a voxel array of shape {@code slabSize}, as its own voxel array. */
    private static Object cut(Object slab, int[] slabSize, int[] off, int[] size, ZarrArrayMetadata meta) {
        Object out = VoxelArrays.allocate(meta.dataType(), size[0] * size[1] * size[2]);
        int i = 0;
        for (int z = 0; z < size[2]; z++) {
            for (int y = 0; y < size[1]; y++, i += size[0]) {
                System.arraycopy(slab, ((off[2] + z) * slabSize[1] + off[1] + y) * slabSize[0] + off[0], out, i, size[0]);
            }
        }
        return out;
    }

    private static <T extends NativeType<T> & RealType<T>> void block(Volume<T> v, long[] min, int[] size, Object out) {
        ChunkedVolumes.readBlock(v, min, size, out);
    }

    /** A clipped chunk's bytes placed in a zeroed full-size chunk (C order, x fastest). */
    static byte[] pad(byte[] raw, int[] size, int[] chunk, int bpv) {
        if (size[0] == chunk[0] && size[1] == chunk[1] && size[2] == chunk[2]) return raw;
        byte[] full = new byte[chunk[0] * chunk[1] * chunk[2] * bpv];
        int row = size[0] * bpv;
        int i = 0;
        for (int z = 0; z < size[2]; z++) {
            for (int y = 0; y < size[1]; y++, i += row) {
                System.arraycopy(raw, i, full, ((z * chunk[1] + y) * chunk[0]) * bpv, row);
            }
        }
        return full;
    }

    private static void writeChunk(Path file, byte[] bytes) throws IOException {
        Path parent = file.getParent();
        if (!Files.isDirectory(parent)) Files.createDirectories(parent);
        Files.write(file, bytes);
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing chunks", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof UncheckedIOException u) throw u.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IOException(c);
        }
    }
}
