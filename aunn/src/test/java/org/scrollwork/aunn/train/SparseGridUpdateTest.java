package org.scrollwork.aunn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.data.IndexLayout;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.EncodingSpec;
import org.scrollwork.aunn.model.GeometryEmbedding;
import org.scrollwork.aunn.model.GeometrySpec;

/**
 * The trainer updates grid tables on the rows a step reaches (lazy Adam): from a fresh state one step equals the
 * dense AdamW step on the whole table (the reference: the same model, the table read whole and updated densely), and
 * a later step leaves rows it does not reach where they are.
 */
class SparseGridUpdateTest {
    /** A 16×8×4 uint8 volume at index 0 ([z2 | y3 | x4]), 2 µm voxels. */
    private static final IndexLayout LAYOUT = new IndexLayout(List.of(
            new IndexLayout.Region(0, true, 4, 3, 2, 0, 0, new double[3], new double[] {2, 2, 2}, 1, false)));

    private static AunnConfig config() {
        return new AunnConfig(10, 16, 1, 0, 0, 10.0, 0.0, 0.0, 1e-2, 0, 100, 8, 0.0, 3L,
                EncodingSpec.geometry(new GeometrySpec(List.of(new GeometrySpec.GridLevel(1, 1, 1), new GeometrySpec.GridLevel(4, 4, 2)), 2, 10, 0, 4, 5.0))
                        .boundTo(LAYOUT));
    }

    private static long voxel(long x, long y, long z) { return (z << 7) | (y << 4) | x; }

    @Test
    void oneStepFromAFreshStateEqualsTheDenseUpdate() {
        long[] idx = {voxel(2, 2, 1), voxel(3, 2, 1), voxel(9, 5, 3), voxel(2, 2, 1)};
        int[] bytes = {200, 10, 77, 190};
        try (AunnModel sparse = new AunnModel(config()); AunnTrainer t = new AunnTrainer(sparse);
             AunnModel dense = new AunnModel(config()); AdamW denseOpt = new AdamW(dense)) {
            t.step(idx, bytes, 1e-2);
            try (NDManager sm = NDManager.newBaseManager()) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    AunnModel.Output out = dense.forward(sm, idx, true);
                    gc.backward(AunnTrainer.crossEntropy(sm, out.logits(), bytes).mean());
                }
                denseOpt.update(sm, 1e-2);
            }
            for (String name : sparse.parameters().keySet()) {
                assertArrayEquals(dense.parameters().get(name).toFloatArray(), sparse.parameters().get(name).toFloatArray(), 1e-6f, name);
            }
            AdamW.State a = t.optimizer().exportState(), b = denseOpt.exportState();
            for (String name : a.firstMoment().keySet()) {
                assertArrayEquals(b.firstMoment().get(name), a.firstMoment().get(name), 1e-7f, name);
                assertArrayEquals(b.secondMoment().get(name), a.secondMoment().get(name), 1e-9f, name);
            }
        }
    }

    @Test
    void aStepInAnotherThreadThanTheEnginesUpdatesTheRowsAsOnThisOne() throws Exception {
        long[] idx = {voxel(2, 2, 1), voxel(9, 5, 3)};
        int[] bytes = {200, 77};
        try (AunnModel here = new AunnModel(config()); AunnTrainer t = new AunnTrainer(here);
             AunnModel there = new AunnModel(config()); AunnTrainer u = new AunnTrainer(there)) {
            t.step(idx, bytes, 1e-2);
            Throwable[] failed = new Throwable[1];
            Thread other = new Thread(() -> { // PyTorch's grad mode is on in a new thread (Spark's task threads)
                try {
                    u.step(idx, bytes, 1e-2);
                } catch (Throwable e) {
                    failed[0] = e;
                }
            });
            other.start();
            other.join();
            if (failed[0] != null) throw new AssertionError("a step in another thread failed", failed[0]);
            for (String name : here.parameters().keySet()) {
                assertArrayEquals(here.parameters().get(name).toFloatArray(), there.parameters().get(name).toFloatArray(), name);
            }
        }
    }

    @Test
    void rowsALaterStepDoesNotReachKeepStill() {
        try (AunnModel model = new AunnModel(config()); AunnTrainer t = new AunnTrainer(model)) {
            t.step(new long[] {voxel(2, 2, 1)}, new int[] {200}, 1e-2);
            float[] after1 = model.parameters().get(GeometryEmbedding.gridName(0)).toFloatArray();
            long[] far = {voxel(14, 7, 3)};
            GeometryEmbedding.Lookup look = model.geometry().lookup(far);
            t.step(far, new int[] {50}, 1e-2);
            float[] after2 = model.parameters().get(GeometryEmbedding.gridName(0)).toFloatArray();
            java.util.Set<Long> reached = new java.util.HashSet<>();
            for (long r : look.rows()[0]) reached.add(r);
            int moved = 0;
            for (int r = 0; r < after1.length / 2; r++) {
                boolean changed = after1[2 * r] != after2[2 * r] || after1[2 * r + 1] != after2[2 * r + 1];
                if (!reached.contains((long) r)) assertFalse(changed, "row " + r + " was not reached but moved");
                else if (changed) moved++;
            }
            assertEquals(true, moved > 0, "the reached rows move");
        }
    }
}
