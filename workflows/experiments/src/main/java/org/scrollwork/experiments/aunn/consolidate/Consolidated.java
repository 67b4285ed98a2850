package org.scrollwork.experiments.aunn.consolidate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.scrollwork.aunn.model.AunnModel;

import java.util.Arrays;

/**
 * A trained model with blocks {@code from..to-1} replaced by a {@link PiecewiseLinearMap} of the residual stream
 * (consolidation for fast rendering): the embedding and the other blocks run as before, the replaced blocks become
 * one nearest-centre lookup and one affine map per input. The map lives in this object's own manager; close it.
 */
public final class Consolidated implements AutoCloseable {
    private final AunnModel model;
    private final int from;
    private final int to;
    private final PiecewiseLinearMap map;
    private final NDManager manager;
    private final NDArray centresT; // [w, k]
    private final NDArray centreNorms; // [k]
    private final NDArray[] weights; // per piece [w, w] in nn.Linear layout
    private final NDArray[] biases; // per piece [w]

    public Consolidated(AunnModel model, int from, int to, PiecewiseLinearMap map) {
        if (from < 0 || to > model.config().depth() || from >= to) throw new IllegalArgumentException("blocks " + from + ".." + to + " of " + model.config().depth());
        int w = model.config().width();
        if (map.centres()[0].length != w || map.biases()[0].length != w) throw new IllegalArgumentException("the map must take and give width " + w + " vectors");
        this.model = model;
        this.from = from;
        this.to = to;
        this.map = map;
        this.manager = NDManager.newBaseManager(model.device());
        int k = map.pieces();
        float[] ct = new float[w * k];
        float[] norms = new float[k];
        for (int j = 0; j < k; j++) {
            for (int q = 0; q < w; q++) {
                ct[q * k + j] = (float) map.centres()[j][q];
                norms[j] += (float) (map.centres()[j][q] * map.centres()[j][q]);
            }
        }
        centresT = manager.create(ct, new Shape(w, k));
        centreNorms = manager.create(norms);
        weights = new NDArray[k];
        biases = new NDArray[k];
        for (int j = 0; j < k; j++) {
            float[] wv = new float[w * w];
            for (int o = 0; o < w; o++) for (int q = 0; q < w; q++) wv[o * w + q] = (float) map.weights()[j][o][q];
            weights[j] = manager.create(wv, new Shape(w, w));
            float[] bv = new float[w];
            for (int o = 0; o < w; o++) bv[o] = (float) map.biases()[j][o];
            biases[j] = manager.create(bv);
        }
    }

    public PiecewiseLinearMap map() {
        return map;
    }

    /**
     * The residual streams entering block {@code from} and leaving block {@code to - 1} at {@code indices}, as rows
     * of doubles: the data a {@link PiecewiseLinearMap} is fitted to.
     */
    public static double[][][] record(AunnModel model, long[] indices, int from, int to, int batch) {
        int w = model.config().width();
        double[][] in = new double[indices.length][];
        double[][] out = new double[indices.length][];
        try (NDManager root = NDManager.newBaseManager(model.device())) {
            for (int s = 0; s < indices.length; s += batch) {
                int n = Math.min(batch, indices.length - s);
                try (NDManager sm = root.newSubManager()) {
                    NDArray bits = model.inputs(sm, Arrays.copyOfRange(indices, s, s + n));
                    bits.attach(sm);
                    NDArray h0 = model.blocks(sm, model.embed(sm, bits), 0, from, false);
                    NDArray h1 = model.blocks(sm, h0, from, to, false);
                    float[] a = h0.toFloatArray(), b = h1.toFloatArray();
                    for (int i = 0; i < n; i++) {
                        in[s + i] = new double[w];
                        out[s + i] = new double[w];
                        for (int q = 0; q < w; q++) {
                            in[s + i][q] = a[i * w + q];
                            out[s + i][q] = b[i * w + q];
                        }
                    }
                }
            }
        }
        return new double[][][] {in, out};
    }

    /** Logits {@code [n * 256]} of the consolidated model, {@code batch} indices per forward pass. */
    public float[] logits(long[] indices, int batch) {
        float[] out = new float[indices.length * 256];
        try (NDManager root = NDManager.newBaseManager(model.device())) {
            for (int s = 0; s < indices.length; s += batch) {
                int n = Math.min(batch, indices.length - s);
                try (NDManager sm = root.newSubManager()) {
                    NDArray bits = model.inputs(sm, Arrays.copyOfRange(indices, s, s + n));
                    bits.attach(sm);
                    NDArray h = model.blocks(sm, model.embed(sm, bits), 0, from, false);
                    h = model.blocks(sm, piecewise(sm, h), to, model.config().depth(), false);
                    float[] l = model.head(sm, h).logits().toFloatArray();
                    System.arraycopy(l, 0, out, s * 256, l.length);
                }
            }
        }
        return out;
    }

    private NDArray piecewise(NDManager sm, NDArray h) {
        int n = Math.toIntExact(h.getShape().get(0));
        int k = map.pieces();
        long[] piece;
        if (k == 1) {
            piece = new long[n];
        } else {
            NDArray score = own(sm, h.matMul(centresT)).mul(-2f).add(centreNorms); // |c|^2 - 2 h.c: the nearest centre has the smallest
            piece = score.argMin(1).toLongArray();
        }
        int[] start = new int[k + 1];
        for (long p : piece) start[(int) p + 1]++;
        for (int j = 0; j < k; j++) start[j + 1] += start[j];
        long[] perm = new long[n];
        long[] back = new long[n];
        int[] fill = Arrays.copyOf(start, k);
        for (int i = 0; i < n; i++) {
            int at = fill[(int) piece[i]]++;
            perm[at] = i;
            back[i] = at;
        }
        NDArray sorted = k == 1 ? h : h.get(index(sm, perm));
        NDList parts = new NDList();
        for (int j = 0; j < k; j++) {
            if (start[j + 1] == start[j]) continue;
            NDArray rows = k == 1 ? sorted : sorted.get(new NDIndex("{}:{}", start[j], start[j + 1]));
            parts.add(rows.getNDArrayInternal().linear(rows, weights[j], biases[j]).singletonOrThrow());
        }
        NDArray y = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
        return k == 1 ? y : y.get(index(sm, back));
    }

    private static NDArray index(NDManager sm, long[] v) {
        NDArray a = sm.create(v);
        return a;
    }

    private static NDArray own(NDManager sm, NDArray a) {
        a.attach(sm);
        return a;
    }

    @Override public void close() {
        manager.close();
    }
}
