package org.scrollwork.pipeline.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;

class RendererTest {
    @TempDir Path dir;

    private static Volume<?> volume16(int nx, int ny, int nz) {
        short[] v = new short[nx * ny * nz];
        for (int i = 0; i < v.length; i++) v[i] = (short) (i * 263);
        return Volumes.wrap(v, new long[] {nx, ny, nz}, ScanMetadata.builder(DataType.UINT16).build());
    }

    @Test
    void sparsePreviewThenRefineGivesTheDenseRenderAndUint16CombinesBothBytes() {
        try (Corpus c = Corpus.create(dir.resolve("c"), CorpusOptions.defaults())) {
            CorpusRecord r = c.appendVolume(volume16(7, 5, 4), RecordMeta.of("ct"), OptionalInt.empty());
            try (AunnModel model = new AunnModel(AunnConfig.defaults().withShape(16, 2).withIndexBits(c.indexBits()).withSeed(5))) {
                Box box = new Box(1, 0, 1, 7, 5, 4);
                double[] dense = Renderer.render(model, r, box);
                AtomicReference<double[]> preview = new AtomicReference<>();
                double[] progressive = Renderer.render(model, r, box, 2, preview::set);
                assertArrayEquals(dense, progressive, 1e-9);
                int nx = 6, ny = 5;
                for (int z = 0; z < 3; z++) {
                    for (int y = 0; y < ny; y++) {
                        for (int x = 0; x < nx; x++) {
                            int nearest = ((z - z % 2) * ny + y - y % 2) * nx + x - x % 2;
                            assertEquals(dense[nearest], preview.get()[(z * ny + y) * nx + x], 1e-9);
                        }
                    }
                }
                // expected uint16 voxel = 256 E[high byte] + E[low byte], each from the byte's own index
                double[] bytes = Predictor.expectation(model, new long[] {r.indexOf(3, 2, 2, 0), r.indexOf(3, 2, 2, 1)}, 16);
                // float32 logits of another batch, and the render's softmax and expectation in float32 in the engine
                assertEquals(256 * bytes[0] + bytes[1], dense[(1 * ny + 2) * nx + 2], 0.02);
                assertThrows(IllegalArgumentException.class, () -> Renderer.render(model, r, new Box(0, 0, 0, 8, 5, 4)));
            }
        }
    }

    @Test
    void renderedUint16VolumeIsTheFloat64ExpectationOfTheLogitsRounded() {
        try (Corpus c = Corpus.create(dir.resolve("c"), CorpusOptions.defaults())) {
            CorpusRecord r = c.appendVolume(volume16(9, 7, 5), RecordMeta.of("ct"), OptionalInt.empty());
            try (AunnModel model = new AunnModel(AunnConfig.defaults().withShape(16, 2).withIndexBits(c.indexBits()).withSeed(9))) {
                Box box = new Box(0, 1, 0, 9, 7, 5);
                Volume<?> v = Renderer.toVolume(Renderer.render(model, r, box), box, DataType.UINT16, ScanMetadata.builder(DataType.UINT16).build());
                int nx = 9, ny = 6, nz = 5;
                long[] idx = new long[2 * nx * ny * nz]; // the render's one batch, in its order: x fastest, high byte first
                for (int i = 0; i < nx * ny * nz; i++) {
                    for (int b = 0; b < 2; b++) idx[2 * i + b] = r.indexOf(i % nx, 1 + i / nx % ny, i / (nx * ny), b);
                }
                float[] l = Predictor.logits(model, idx, Renderer.BATCH);
                for (int i = 0; i < nx * ny * nz; i++) {
                    double want = 256 * Predictor.expectedByte(l, 2 * i * 256) + Predictor.expectedByte(l, (2 * i + 1) * 256);
                    double got = Volumes.get(v.image(), i % nx, i / nx % ny, i / (nx * ny));
                    // equal, or one level apart where float32 rounding (under 0.02 levels) straddles a half
                    if (got != Math.round(want)) {
                        assertEquals(0.5, Math.abs(want - got), 0.02, "voxel " + i + ": " + want + " rendered as " + got);
                    }
                }
            }
        }
    }

    @Test
    void toVolumeRoundsAndClampsToTheType() {
        Box box = new Box(0, 0, 0, 4, 1, 1);
        Volume<?> v8 = Renderer.toVolume(new double[] {-3, 1.5, 254.49, 300}, box, DataType.UINT8, ScanMetadata.builder(DataType.UINT8).build());
        assertEquals(0.0, Volumes.get(v8.image(), 0, 0, 0));
        assertEquals(2.0, Volumes.get(v8.image(), 1, 0, 0));
        assertEquals(254.0, Volumes.get(v8.image(), 2, 0, 0));
        assertEquals(255.0, Volumes.get(v8.image(), 3, 0, 0));
        Volume<?> v16 = Renderer.toVolume(new double[] {-1, 40000.6, 1e9, 7}, box, DataType.UINT16, ScanMetadata.builder(DataType.UINT8).build());
        assertEquals(DataType.UINT16, v16.meta().dataType());
        assertEquals(40001.0, Volumes.get(v16.image(), 1, 0, 0));
        assertEquals(65535.0, Volumes.get(v16.image(), 2, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Renderer.toVolume(new double[4], box, DataType.FLOAT32, ScanMetadata.builder(DataType.FLOAT32).build()));
    }
}
