package org.scrollwork.aunn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The feed-forward part of a block with a sigma-MoE body ({@link BodySpec}). Routing is done on the host
 * ({@link Router}); the computation is sparse: the inputs are gathered expert by expert, each expert runs only on
 * its own rows, and the weighted outputs are gathered back per input and summed over its {@code k} choices. Every
 * operation is differentiable (gathers and slices), so gradients reach the selection weights through the gate
 * values and the experts through their rows.
 */
final class MoeBlock {
    private final AunnConfig config;
    private final Function<String, NDArray> params;
    private final List<int[]> routing = new ArrayList<>();

    MoeBlock(AunnConfig config, Function<String, NDArray> params) {
        this.config = config;
        this.params = params;
    }

    void beginForward() {
        routing.clear();
    }

    List<int[]> lastRouting() {
        return List.copyOf(routing);
    }

    /** {@code sum_{e in topk(a)} sigmoid(Wsel a)_e * expert_e(a)} for each row of {@code a [B, W]}, owned by {@code step}. */
    NDArray forward(NDManager step, NDArray a, String prefix, boolean training) {
        BodySpec body = config.body();
        int e = body.experts(), k = body.topK(), g = body.expertWidth(), w = config.width();
        int rows = Math.toIntExact(a.getShape().get(0));
        NDArray scores = Activation.sigmoid(a.getNDArrayInternal().linear(a, params.apply(prefix + "select.weight"), null).singletonOrThrow());
        boolean[] dropped = null;
        if (training && body.expertDropout() > 0) {
            float[] u = step.randomUniform(0f, 1f, new Shape(rows, e)).toFloatArray();
            dropped = new boolean[u.length];
            for (int i = 0; i < u.length; i++) dropped[i] = u[i] < body.expertDropout();
        }
        int[] route = Router.topK(scores.toFloatArray(), rows, e, k, dropped);
        routing.add(route);

        long[] perm = new long[route.length];
        long[] gateAt = new long[route.length];
        long[] slotPos = new long[route.length];
        int[] start = new int[e + 1];
        int n = 0;
        for (int x = 0; x < e; x++) {
            start[x] = n;
            for (int i = 0; i < route.length; i++) {
                if (route[i] != x) continue;
                int r = i / k;
                perm[n] = r;
                gateAt[n] = (long) r * e + x;
                slotPos[i] = n++;
            }
        }
        start[e] = n;
        for (int i = 0; i < route.length; i++) if (route[i] < 0) slotPos[i] = n; // the zero row appended below

        NDArray gathered = a.get(index(step, a, java.util.Arrays.copyOf(perm, n)));
        NDArray fc1w = params.apply(prefix + "fc1.weight"), fc1b = params.apply(prefix + "fc1.bias");
        NDArray fc2w = params.apply(prefix + "fc2.weight"), fc2b = params.apply(prefix + "fc2.bias");
        NDList outs = new NDList();
        for (int x = 0; x < e; x++) {
            if (start[x + 1] == start[x]) continue;
            NDArray in = gathered.get(new NDIndex("{}:{}", start[x], start[x + 1]));
            NDArray w1 = own(step, fc1w.get(new NDIndex("{}:{}", (long) x * g, (long) (x + 1) * g)));
            NDArray b1 = own(step, fc1b.get(new NDIndex("{}:{}", (long) x * g, (long) (x + 1) * g)));
            NDArray w2 = own(step, fc2w.get(new NDIndex("{}:{}", (long) x * w, (long) (x + 1) * w)));
            NDArray b2 = own(step, fc2b.get(new NDIndex("{}:{}", (long) x * w, (long) (x + 1) * w)));
            NDArray u = in.getNDArrayInternal().linear(in, w1, b1).singletonOrThrow().getNDArrayInternal().gelu();
            if (training && config.dropout() > 0) u = u.getNDArrayInternal().dropout(u, (float) config.dropout(), true).singletonOrThrow();
            outs.add(u.getNDArrayInternal().linear(u, w2, b2).singletonOrThrow());
        }
        NDArray y = outs.isEmpty() ? step.zeros(new Shape(0, w), a.getDataType(), a.getDevice()) : NDArrays.concat(outs, 0);
        if (n > 0) {
            NDArray gate = scores.reshape(-1).get(index(step, a, java.util.Arrays.copyOf(gateAt, n)));
            y = y.mul(gate.expandDims(1));
        }
        NDArray padded = NDArrays.concat(new NDList(y, step.zeros(new Shape(1, w), a.getDataType(), a.getDevice())), 0);
        return padded.get(index(step, a, slotPos)).reshape(rows, k, w).sum(new int[] {1});
    }

    private static NDArray index(NDManager step, NDArray like, long[] values) {
        NDArray i = step.create(values).toDevice(like.getDevice(), false);
        i.attach(step);
        return i;
    }

    private static NDArray own(NDManager step, NDArray a) {
        a.attach(step);
        return a;
    }
}
