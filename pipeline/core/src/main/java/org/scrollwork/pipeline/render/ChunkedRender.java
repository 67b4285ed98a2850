package org.scrollwork.pipeline.render;

import java.nio.file.Path;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.Compression;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.zarr.OmeZarrChunkWriter;
import org.scrollwork.io.zarr.OmeZarrFormat;
import org.scrollwork.pipeline.Progress;

/**
 * Renders a box of a volume record into an OME-Zarr store one storage chunk at a time: memory stays at one chunk
 * whatever the box's size (a whole-box render holds 8 bytes per voxel). Each chunk is predicted as {@link Renderer}
 * predicts a box (same batching, same rounding), so the store equals a whole-box render written as OME-Zarr.
 */
public final class ChunkedRender {
    private ChunkedRender() {}

    /**
     * Renders {@code box} of {@code record} into a new OME-Zarr store at {@code out} (chunks of {@code chunk} voxels, at
     * most the box; {@code compression}), which appears atomically when every chunk is written; progress in chunks.
     *
     * @return the number of chunks written
     */
    public static long render(AunnModel model, CorpusRecord record, Box box, Path out, int[] chunk, Compression compression, ScanMetadata meta,
                              Progress.Task progress) {
        long[] shape = {box.x1() - box.x0(), box.y1() - box.y0(), box.z1() - box.z0()};
        int[] c = new int[3];
        for (int d = 0; d < 3; d++) c[d] = (int) Math.min(chunk[d], shape[d]);
        long[] count = new long[1];
        AtomicFiles.write(out, tmp -> {
            OmeZarrChunkWriter store = OmeZarrChunkWriter.create(tmp, shape, c, compression, meta);
            long[] grid = store.gridXyz();
            long total = grid[0] * grid[1] * grid[2];
            for (long z = 0; z < grid[2]; z++) for (long y = 0; y < grid[1]; y++) for (long x = 0; x < grid[0]; x++) {
                writeChunk(model, record, new long[] {box.x0(), box.y0(), box.z0()}, store, new long[] {x, y, z});
                progress.advance(++count[0], total);
            }
        });
        return count[0];
    }

    /** As {@link #render} with the OME-Zarr writer's defaults: chunks of {@value OmeZarrFormat#DEFAULT_CHUNK}³, its compression. */
    public static long render(AunnModel model, CorpusRecord record, Box box, Path out, ScanMetadata meta, Progress.Task progress) {
        int e = OmeZarrFormat.DEFAULT_CHUNK;
        return render(model, record, box, out, new int[] {e, e, e}, OmeZarrFormat.DEFAULT_COMPRESSION, meta, progress);
    }

    /**
     * Predicts and writes chunk {@code gridXyz} of {@code store}, whose voxel (0, 0, 0) is voxel {@code origin} of the record
     * (the chunk is clipped to the store's shape). Chunks are independent: any process may write any of them.
     */
    public static void writeChunk(AunnModel model, CorpusRecord record, long[] origin, OmeZarrChunkWriter store, long[] gridXyz) {
        long[] shape = store.shapeXyz();
        int[] c = store.chunkXyz();
        long[] lo = new long[3], hi = new long[3];
        int[] size = new int[3];
        for (int d = 0; d < 3; d++) {
            lo[d] = gridXyz[d] * c[d];
            hi[d] = Math.min(shape[d], lo[d] + c[d]);
            size[d] = (int) (hi[d] - lo[d]);
        }
        Box part = new Box(origin[0] + lo[0], origin[1] + lo[1], origin[2] + lo[2], origin[0] + hi[0], origin[1] + hi[1], origin[2] + hi[2]);
        double[] values = Renderer.render(model, record, part);
        Volume<?> v = Renderer.toVolume(values, part, record.dataType(), ScanMetadata.of(record.dataType()));
        store.writeChunk(gridXyz, block(v, size));
    }

    private static <T extends NativeType<T> & RealType<T>> Object block(Volume<T> v, int[] size) {
        return ChunkedVolumes.readBlock(v, new long[3], size);
    }
}
