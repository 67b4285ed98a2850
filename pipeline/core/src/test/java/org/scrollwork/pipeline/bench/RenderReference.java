package org.scrollwork.pipeline.bench;

import java.util.Arrays;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.pipeline.render.Renderer;

/**
 * The dense render as it was before issue 16's change, kept for {@link LoopBenchmark}'s before/after row: the same
 * batches of {@link Renderer#BATCH} indices, but every index's 256 logits copied to the heap and the softmax and
 * expectation computed there in float64 ({@link Predictor#logits}, {@link Predictor#expectedBytes(float[])}).
 */
final class RenderReference {
    private RenderReference() {}

    static double[] render(AunnModel model, CorpusRecord record, Box box) {
        int nx = (int) (box.x1() - box.x0()), ny = (int) (box.y1() - box.y0()), nz = (int) (box.z1() - box.z0());
        double[] out = new double[nx * ny * nz];
        int bpv = record.voxelBytes();
        int perBatch = Math.max(1, Renderer.BATCH / bpv);
        int[] voxels = new int[perBatch];
        long[] idx = new long[perBatch * bpv];
        int n = 0;
        for (int i = 0; i <= out.length; i++) {
            if (i < out.length) {
                int x = i % nx, y = i / nx % ny, z = i / (nx * ny);
                for (int b = 0; b < bpv; b++) idx[n * bpv + b] = record.indexOf(box.x0() + x, box.y0() + y, box.z0() + z, b);
                voxels[n++] = i;
            }
            if (n == perBatch || (i == out.length && n > 0)) {
                long[] batch = n == perBatch ? idx : Arrays.copyOf(idx, n * bpv);
                double[] bytes = Predictor.expectedBytes(Predictor.logits(model, batch, Renderer.BATCH));
                for (int k = 0; k < n; k++) {
                    double e = 0;
                    for (int b = 0; b < bpv; b++) e = e * 256 + bytes[k * bpv + b];
                    out[voxels[k]] = e;
                }
                n = 0;
            }
        }
        return out;
    }
}
