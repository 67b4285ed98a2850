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
 * Writes one volume as a Zarr v2 array, chunk by chunk: each chunk is read from the (possibly lazy)
 * volume with {@link ChunkedVolumes#readBlock}, padded to the full chunk size at the far edges (with
 * the fill value 0), compressed on a worker thread and written as its own file. Memory holds at most
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
        Deque<Future<?>> pending = new ArrayDeque<>();
        try {
            for (long gz = 0; gz < grid[2]; gz++) {
                for (long gy = 0; gy < grid[1]; gy++) {
                    for (long gx = 0; gx < grid[0]; gx++) {
                        long[] g = {gx, gy, gz};
                        long[] min = new long[3];
                        int[] size = new int[3];
                        for (int d = 0; d < 3; d++) {
                            min[d] = g[d] * chunk[d];
                            size[d] = (int) Math.min(chunk[d], shape[d] - min[d]);
                        }
                        byte[] raw = VoxelArrays.encode(meta.dataType(), block(volume, min, size), meta.byteOrder());
                        Path file = dir.resolve(meta.chunkKey(g));
                        while (pending.size() >= inFlight) await(pending.removeFirst());
                        pending.add(pool.submit(() -> {
                            writeChunk(file, meta.codec().encode(pad(raw, size, chunk, meta.dataType().bytesPerVoxel())));
                            return null;
                        }));
                    }
                }
            }
            while (!pending.isEmpty()) await(pending.removeFirst());
        } finally {
            pending.forEach(f -> f.cancel(true));
        }
    }

    private static <T extends NativeType<T> & RealType<T>> Object block(Volume<T> v, long[] min, int[] size) {
        return ChunkedVolumes.readBlock(v, min, size);
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
