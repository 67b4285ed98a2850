package org.scrollwork.scaleout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordKind;
import org.scrollwork.io.Compression;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.zarr.OmeZarrChunkWriter;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.render.ChunkedRender;

/**
 * Distributed rendering: the box of a volume record (an index range of the corpus) is cut along the output's chunk
 * grid; every Spark element is one chunk, so a partition is a set of whole chunks and no two tasks write the same
 * chunk file. Each task borrows a model loaded once per executor ({@link ExecutorCache}), decodes its chunks with
 * {@link ChunkedRender#writeChunk} (same batching, same rounding as a single-process render) and writes each chunk in place into
 * one OME-Zarr store ({@link OmeZarrChunkWriter}: atomic per chunk, so a retried task just rewrites its chunks).
 */
public final class SparkRender {
    private SparkRender() {}

    public record Summary(Path store, Box box, long chunks, int partitions, double seconds) {}

    /**
     * @param box        the box to render, or null for the whole record
     * @param chunk      chunk shape {@code [x, y, z]} of the store
     * @param partitions Spark partitions (at most one per chunk); 0 = the context's default parallelism
     */
    public static Summary run(JavaSparkContext sc, Path corpusDir, Path snapshot, int record, Box box, int[] chunk, Compression compression,
                              Path out, int partitions) {
        long t0 = System.nanoTime();
        String corpusPath = corpusDir.toAbsolutePath().normalize().toString();
        Corpus corpus = ExecutorCache.corpus(corpusPath);
        CorpusRecord r = corpus.record(record);
        if (r.kind() != RecordKind.VOLUME) throw new IllegalArgumentException("record " + record + " of " + corpusDir + " is " + r.kind() + ", not a volume");
        Box b = box != null ? box : new Box(0, 0, 0, r.shape().x(), r.shape().y(), r.shape().z());
        if (b.voxels() <= 0 || !b.within(r.shape())) throw new IllegalArgumentException("box " + b + " is empty or outside record " + record + " of shape " + r.shape());
        long[] shape = {b.x1() - b.x0(), b.y1() - b.y0(), b.z1() - b.z0()};
        int[] c = new int[3];
        for (int d = 0; d < 3; d++) c[d] = (int) Math.min(chunk[d], shape[d]);
        ScanMetadata meta = r.meta().toScanMetadata(r.dataType()).toBuilder()
                .provenance("render", "scrollwork AUNN " + snapshot + ", record " + record + " box " + b + " (Spark, chunk-parallel)").build();
        OmeZarrChunkWriter store = OmeZarrChunkWriter.create(out.toAbsolutePath().normalize(), shape, c, compression, meta);
        long[] grid = store.gridXyz();
        List<long[]> chunks = new ArrayList<>();
        for (long z = 0; z < grid[2]; z++) for (long y = 0; y < grid[1]; y++) for (long x = 0; x < grid[0]; x++) chunks.add(new long[] {x, y, z});
        int parts = (int) Math.min(chunks.size(), partitions > 0 ? partitions : Math.max(1, sc.defaultParallelism()));
        String model = snapshot.toAbsolutePath().normalize().toString();
        String store0 = store.root().toString();
        long[] origin = {b.x0(), b.y0(), b.z0()};
        sc.parallelize(chunks, parts).foreachPartition(it -> renderChunks(it, corpusPath, model, record, origin, store0));
        return new Summary(store.root(), b, chunks.size(), parts, (System.nanoTime() - t0) / 1e9);
    }

    private static void renderChunks(Iterator<long[]> chunks, String corpusDir, String snapshot, int record, long[] origin, String storePath) {
        CorpusRecord r = ExecutorCache.corpus(corpusDir).record(record);
        OmeZarrChunkWriter store = OmeZarrChunkWriter.open(Path.of(storePath));
        TrainedModel model = ExecutorCache.borrow(snapshot);
        try {
            while (chunks.hasNext()) ChunkedRender.writeChunk(model.model(), r, origin, store, chunks.next());
        } finally {
            ExecutorCache.giveBack(snapshot, model);
        }
    }
}
