package org.scrollwork.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volumes;

/** Multiplexed decoding of ranges from an 8-bit and a 16-bit record gives what Renderer.render gives box by box. */
class MultiRangeDecoderTest {
    @TempDir Path dir;

    @Test
    void multiplexedAndOneAtATimeMatchTheRendererForMixedRecords() {
        try (Corpus c = Corpus.create(dir.resolve("c"), CorpusOptions.defaults())) {
            short[] s = new short[9 * 6 * 3];
            byte[] u = new byte[5 * 5 * 2];
            for (int i = 0; i < s.length; i++) s[i] = (short) (i * 263);
            for (int i = 0; i < u.length; i++) u[i] = (byte) (i * 7);
            CorpusRecord r16 = c.appendVolume(Volumes.wrap(s, new long[] {9, 6, 3}, ScanMetadata.builder(DataType.UINT16).build()), RecordMeta.of("ct"), OptionalInt.empty());
            CorpusRecord r8 = c.appendVolume(Volumes.wrap(u, new long[] {5, 5, 2}, ScanMetadata.builder(DataType.UINT8).build()), RecordMeta.of("ct"), OptionalInt.empty());
            List<MultiRangeDecoder.Range> ranges = List.of(
                    new MultiRangeDecoder.Range(r16, new Box(1, 0, 0, 8, 6, 2)),
                    new MultiRangeDecoder.Range(r8, new Box(0, 1, 1, 5, 4, 2)),
                    new MultiRangeDecoder.Range(r16, new Box(2, 2, 2, 3, 3, 3)),
                    new MultiRangeDecoder.Range(r8, new Box(0, 0, 0, 5, 5, 2)));
            try (AunnModel model = new AunnModel(AunnConfig.defaults().withShape(16, 2).withIndexBits(c.indexBits()).withSeed(3))) {
                List<double[]> reference = ranges.stream().map(r -> Renderer.render(model, r.record(), r.box())).toList();
                for (int batch : new int[] {33, 4096}) { // 33: odd, so 2-byte voxels must not be split between passes
                    List<double[]> multi = MultiRangeDecoder.decode(model, ranges, batch);
                    List<double[]> each = MultiRangeDecoder.decodeEach(model, ranges, batch);
                    for (int i = 0; i < ranges.size(); i++) {
                        double[] want = reference.get(i);
                        assertEquals(want.length, multi.get(i).length);
                        for (int j = 0; j < want.length; j++) {
                            assertEquals(want[j], multi.get(i)[j], 1e-4 * Math.max(1, Math.abs(want[j])), "batch " + batch + " range " + i + " voxel " + j);
                            assertEquals(want[j], each.get(i)[j], 1e-4 * Math.max(1, Math.abs(want[j])), "batch " + batch + " range " + i + " voxel " + j);
                        }
                    }
                }
                assertThrows(IllegalArgumentException.class, () -> MultiRangeDecoder.decode(model, ranges, 1)); // a 2-byte voxel needs 2
                assertThrows(IllegalArgumentException.class, () -> new MultiRangeDecoder.Range(r8, new Box(0, 0, 0, 6, 1, 1)));
            }
        }
    }
}
