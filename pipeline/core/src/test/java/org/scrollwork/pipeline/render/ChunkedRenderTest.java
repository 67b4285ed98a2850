package org.scrollwork.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.pipeline.Progress;

class ChunkedRenderTest {
    @TempDir Path dir;

    @Test
    void aStoreWrittenChunkByChunkHoldsTheWholeBoxRenderIncludingClippedEdgeChunks() throws Exception {
        byte[] v = new byte[11 * 9 * 7];
        for (int i = 0; i < v.length; i++) v[i] = (byte) (i * 37);
        try (Corpus c = Corpus.create(dir.resolve("c"), CorpusOptions.defaults())) {
            CorpusRecord r = c.appendVolume(Volumes.wrap(v, new long[] {11, 9, 7}, ScanMetadata.of(DataType.UINT8)), RecordMeta.of("ct"), OptionalInt.empty());
            try (AunnModel model = new AunnModel(AunnConfig.defaults().withShape(16, 2).withIndexBits(c.indexBits()).withSeed(5))) {
                Box box = new Box(1, 0, 2, 11, 9, 7); // 10×9×5: chunks of 4 leave edge chunks of 2, 1 and 1
                long[] progress = new long[2];
                long chunks = ChunkedRender.render(model, r, box, dir.resolve("out.ome.zarr"), new int[] {4, 4, 4}, Compression.BLOSC_LZ4,
                        ScanMetadata.of(DataType.UINT8), (Progress.Task) (done, total, m) -> { progress[0] = done; progress[1] = total; });
                assertEquals(3 * 3 * 2, chunks);
                assertEquals(chunks, progress[0]);
                assertEquals(chunks, progress[1]);
                Volume<?> whole = Renderer.toVolume(Renderer.render(model, r, box), box, DataType.UINT8, ScanMetadata.of(DataType.UINT8));
                Volume<?> stored = Formats.read(dir.resolve("out.ome.zarr"), 0);
                assertEquals(java.util.List.of(10L, 9L, 5L), java.util.Arrays.stream(stored.shape()).boxed().toList());
                assertEquals(0.0, Volumes.maxAbsDifference(whole.image(), stored.image()), "the chunked store equals the whole-box render");
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains(".tmp")), "no temporary left beside the store");
        }
    }
}
