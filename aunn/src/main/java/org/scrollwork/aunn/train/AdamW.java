package org.scrollwork.aunn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.GeometryEmbedding;
import org.scrollwork.aunn.model.ParamSpec;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW (decoupled weight decay, PyTorch's formulation) on NDArrays, with global-norm gradient
 * clipping and three parameter groups: memory parameters train at {@code lr * memoryLrMultiplier}, the geometry
 * embedding's grids and channel table at {@code lr * GeometrySpec.lrMultiplier}.
 * Weight decay applies to matrices only. Its state (first and second moments, step count) lives
 * in its own manager and can be exported and restored exactly.
 */
public final class AdamW implements AutoCloseable {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;

    private final AunnModel model;
    private final NDManager manager;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long t;

    /** Fresh (zero) state for every parameter of {@code model}. */
    public AdamW(AunnModel model) {
        this.model = model;
        this.manager = NDManager.newBaseManager(model.device());
        for (ParamSpec s : model.specs()) {
            m.put(s.name(), manager.zeros(new Shape(s.shape())));
            v.put(s.name(), manager.zeros(new Shape(s.shape())));
        }
    }

    /** Number of updates applied so far. */
    public long updates() { return t; }

    /**
     * Applies one update from the parameters' current gradients, then zeroes them. Temporary
     * arrays go to {@code step}. Exactly PyTorch's {@code torch.optim.AdamW}:
     * {@code w -= lr*wd*w; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
     * w -= lr/(1-b1^t) * m / (sqrt(v/(1-b2^t)) + eps)}, where {@code g} is the gradient scaled by
     * the global-norm clip factor {@code min(1, clip/(norm+1e-6))}. Runs the engine's fused Adam
     * kernel (one native call per parameter), which puts eps outside the bias correction; it is
     * given {@code eps*sqrt(1-b2^t)} so the result is the same.
     *
     * @return the global gradient norm before clipping
     */
    public double update(NDManager step, double lr) { return update(step, lr, List.of()); }

    /**
     * As {@link #update(NDManager, double)}, except that a table whose rows the step gathered apart
     * ({@link GeometryEmbedding.TouchedRows}) takes its gradient from those rows and is updated on those rows only
     * (lazy Adam, as for sparse embeddings: a row's moments and weights change only in steps that reach it). From a
     * fresh state one step is exactly the dense update; later, rows a step does not reach keep still instead of
     * coasting on their first moment, and a step costs the rows it reaches rather than the whole table.
     */
    public double update(NDManager step, double lr, List<GeometryEmbedding.TouchedRows> touched) {
        List<ParamSpec> specs = model.specs();
        Map<String, NDArray> params = model.parameters();
        Map<String, GeometryEmbedding.TouchedRows> sparse = new HashMap<>();
        for (GeometryEmbedding.TouchedRows r : touched) sparse.put(r.param(), r);
        NDArray[] grads = new NDArray[specs.size()];
        NDArray sq = null;
        for (int i = 0; i < grads.length; i++) {
            String name = specs.get(i).name();
            NDArray g = sparse.containsKey(name) ? sparse.get(name).values().getGradient() : params.get(name).getGradient();
            g.attach(step);
            grads[i] = g;
            NDArray s = g.square().sum();
            sq = sq == null ? s : sq.add(s);
        }
        double norm = Math.sqrt(sq.getFloat());
        double clip = model.config().gradClip();
        float scale = (float) (clip > 0 && norm > clip ? clip / (norm + 1e-6) : 1.0);
        t++;
        double bc1 = 1 - Math.pow(BETA1, t);
        double bc2 = 1 - Math.pow(BETA2, t);
        double wd = model.config().weightDecay();
        for (int i = 0; i < grads.length; i++) {
            ParamSpec s = specs.get(i);
            NDArray p = params.get(s.name());
            double a = s.memory() ? lr * model.config().memoryLrMultiplier()
                    : s.name().startsWith("embedding.") ? lr * model.config().encoding().geometry().lrMultiplier() : lr;
            float decay = s.decay() ? (float) wd : 0f;
            GeometryEmbedding.TouchedRows rows = sparse.get(s.name());
            if (rows == null) {
                adam(p, grads[i], m.get(s.name()), v.get(s.name()), a, bc1, bc2, decay, scale);
                continue;
            }
            NDArray where = step.create(rows.rows()).toDevice(p.getDevice(), false);
            where.attach(step);
            NDIndex at = new NDIndex("{}", where);
            NDArray pr = rows.values().stopGradient().duplicate(), mr = m.get(s.name()).get(at), vr = v.get(s.name()).get(at);
            pr.attach(step);
            mr.attach(step);
            vr.attach(step);
            adam(pr, grads[i], mr, vr, a, bc1, bc2, decay, scale);
            // through a detached view of the table (same storage): writing rows of a leaf that requires gradients fails
            // where PyTorch's grad mode is on, as it is in any thread but the one that started the engine (Spark tasks)
            NDArray table = p.stopGradient();
            table.attach(step);
            table.set(at, pr);
            m.get(s.name()).set(at, mr);
            v.get(s.name()).set(at, vr);
        }
        return norm;
    }

    /** The engine's fused Adam kernel on one array: {@code p}, {@code mom} and {@code var} are updated in place. */
    private static void adam(NDArray p, NDArray grad, NDArray mom, NDArray var, double a, double bc1, double bc2, float decay, float scale) {
        p.getNDArrayInternal().adamUpdate(new NDList(p, grad, mom, var), new NDList(p),
                (float) a, (float) (a * Math.sqrt(bc2) / bc1), decay, scale, -1f, (float) BETA1, (float) BETA2, (float) (EPS * Math.sqrt(bc2)), false, true);
    }

    /** Exported state: moments by parameter name and the update count. */
    public record State(long updates, Map<String, float[]> firstMoment, Map<String, float[]> secondMoment) {}

    public State exportState() {
        Map<String, float[]> em = new LinkedHashMap<>();
        Map<String, float[]> ev = new LinkedHashMap<>();
        m.forEach((k, a) -> em.put(k, a.toFloatArray()));
        v.forEach((k, a) -> ev.put(k, a.toFloatArray()));
        return new State(t, em, ev);
    }

    /**
     * Restores exported state.
     *
     * @throws IllegalArgumentException if a moment is missing or has the wrong size
     */
    public void importState(State s) {
        for (ParamSpec p : model.specs()) {
            set(m, p, s.firstMoment().get(p.name()));
            set(v, p, s.secondMoment().get(p.name()));
        }
        t = s.updates();
    }

    private void set(Map<String, NDArray> target, ParamSpec p, float[] values) {
        if (values == null || values.length != p.size()) throw new IllegalArgumentException("optimizer state for " + p.name() + " missing or of wrong size");
        NDArray old = target.put(p.name(), manager.create(values, new Shape(p.shape())));
        old.close();
    }

    /** Arrays owned by the optimizer's manager (two per parameter). */
    public int liveArrays() { return manager.getManagedArrays().size(); }

    @Override public void close() { manager.close(); }
}
