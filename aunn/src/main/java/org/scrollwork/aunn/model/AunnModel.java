package org.scrollwork.aunn.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AUNN: a residual MLP from the encoded bits of an absolute index to 256 byte logits (and an
 * optional embedding). See {@link AunnConfig} for the architecture. Parameters are plain
 * NDArrays that require gradients, owned by this model's manager; every forward pass puts its
 * intermediate arrays into the caller's (per-step) manager, so nothing accumulates here.
 *
 * <p>Not thread-safe. Close it to free the parameters.
 */
public final class AunnModel implements AutoCloseable {
    /** LayerNorm epsilon (PyTorch's default). */
    public static final float LN_EPS = 1e-5f;

    private final AunnConfig config;
    private final IndexEncoding encoding;
    private final GeometryEmbedding geometry;
    private final NDManager manager;
    private final List<ParamSpec> specs;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private boolean mixedPrecision;
    private final MoeBlock moe;

    /** A freshly initialised model on {@link Devices#best()}. */
    public AunnModel(AunnConfig config) {
        this(config, Devices.best(), null);
    }

    /**
     * A model on {@code device} with the given parameter values (by {@link ParamSpec} name), or
     * freshly initialised from {@code config.seed()} when {@code values} is null.
     *
     * @throws IllegalArgumentException if a value is missing or has the wrong length
     */
    public AunnModel(AunnConfig config, Device device, Map<String, float[]> values) {
        this.config = config;
        this.encoding = config.encoding().create(config.indexBits());
        this.geometry = config.encoding().readsGeometry() ? new GeometryEmbedding(config.encoding().geometry(), config.encoding().layout(), config.indexBits()) : null;
        this.specs = ParamSpec.of(config);
        this.manager = NDManager.newBaseManager(device);
        this.moe = config.body().isMoe() ? new MoeBlock(config, params::get) : null;
        for (int i = 0; i < specs.size(); i++) {
            ParamSpec s = specs.get(i);
            float[] v = values == null ? s.initialValues(config.seed(), i, config.depth()) : values.get(s.name());
            if (v == null) throw new IllegalArgumentException("no values for parameter " + s.name());
            if (v.length != s.size()) throw new IllegalArgumentException("parameter " + s.name() + " needs " + s.size() + " values, got " + v.length);
            NDArray p = manager.create(v, new Shape(s.shape()));
            p.setRequiresGradient(true);
            params.put(s.name(), p);
        }
    }

    public AunnConfig config() { return config; }

    /** The bit encoding of indices (for the geometry embedding, its plain bits; the first layer sees {@link #inputs}). */
    public IndexEncoding encoding() { return encoding; }

    /** The geometry embedding, or null when the model reads bits. */
    public GeometryEmbedding geometry() { return geometry; }

    /**
     * The first layer's input for a batch of indices, owned by {@code step}: the encoded bits, or the geometry
     * embedding at voxel centres (with gradients to its tables).
     */
    public NDArray inputs(NDManager step, long[] indices) {
        if (geometry != null) return geometry.inputs(step, indices, params::get, device());
        NDArray x = encoding.encode(step, indices).toDevice(device(), false);
        x.attach(step);
        return x;
    }

    /**
     * The first layer's input for a training step: as {@link #inputs(NDManager, long[])}, except that with the
     * geometry embedding a voxel coarser than its frame is a box read at several points drawn from {@code jitterKey}
     * (pool the network's per-point outputs with {@link GeometryEmbedding.TrainingInputs#pool}), and the grid rows the
     * batch reads are gathered apart so that the step's optimizer updates only them. A model reading bits reads one
     * point per sample and touches no rows.
     */
    public GeometryEmbedding.TrainingInputs trainingInputs(NDManager step, long[] indices, long jitterKey) {
        if (geometry != null) return geometry.trainingInputs(step, indices, params::get, device(), jitterKey);
        return GeometryEmbedding.TrainingInputs.ofPoints(inputs(step, indices), List.of());
    }

    public Device device() { return manager.getDevice(); }

    /** Parameter specs in their fixed order. */
    public List<ParamSpec> specs() { return specs; }

    /** The live parameter arrays by name (read-only view; the arrays themselves are mutable). */
    public Map<String, NDArray> parameters() { return Collections.unmodifiableMap(params); }

    /** Copies every parameter to the heap, by name, in spec order. */
    public Map<String, float[]> exportParameters() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (ParamSpec s : specs) out.put(s.name(), params.get(s.name()).toFloatArray());
        return out;
    }

    /**
     * Replaces every parameter's values (by name, as {@link #exportParameters()} gives them).
     *
     * @throws IllegalArgumentException if a value is missing or has the wrong length; nothing is
     *     changed then
     */
    public void importParameters(Map<String, float[]> values) {
        for (ParamSpec s : specs) {
            float[] v = values.get(s.name());
            if (v == null || v.length != s.size()) throw new IllegalArgumentException("parameter " + s.name() + " missing or of wrong size");
        }
        for (ParamSpec s : specs) {
            NDArray p = manager.create(values.get(s.name()), new Shape(s.shape()));
            p.setRequiresGradient(true);
            params.put(s.name(), p).close();
        }
    }

    /** An independent copy (same config, device and weights), e.g. for dynamic evaluation or conditioning. */
    public AunnModel copy() {
        return new AunnModel(config, device(), exportParameters());
    }

    /** Total number of parameter values. */
    public long parameterCount() {
        return specs.stream().mapToLong(ParamSpec::size).sum();
    }

    /** The expert choices of the last forward pass's blocks (sigma-MoE body only; empty otherwise), block by block. */
    public List<int[]> lastRouting() {
        return moe == null ? List.of() : moe.lastRouting();
    }

    /**
     * Runs matrix products in float16 with float32 master weights and float32 loss. Only on a GPU. (A
     * mixture-of-experts body stays in float32.)
     *
     * @throws IllegalStateException when enabling it on a CPU
     */
    public void setMixedPrecision(boolean enabled) {
        if (enabled && !device().isGpu()) throw new IllegalStateException("mixed precision needs a GPU; this model is on " + device());
        this.mixedPrecision = enabled;
    }

    /** Logits {@code [batch, 256]} and, with an embedding head, the embedding {@code [batch, embeddingDim]}. */
    public record Output(NDArray logits, NDArray embedding) {}

    /**
     * The forward pass for a batch of indices. All results and intermediates belong to
     * {@code step}. With {@code training}, dropout is applied.
     */
    public Output forward(NDManager step, long[] indices, boolean training) {
        return forward(step, inputs(step, indices), training);
    }


    /** The forward pass from first-layer inputs {@code [batch, config.inputSize()]} ({@link #inputs}) owned by {@code step}. */
    public Output forward(NDManager step, NDArray bits, boolean training) {
        if (moe != null) moe.beginForward();
        return head(step, blocks(step, embed(step, bits), 0, config.depth(), training));
    }

    /** The residual stream entering block 0: the input layer (plus the memory projection) on first-layer inputs owned by {@code step}. */
    public NDArray embed(NDManager step, NDArray bits) {
        NDArray h = linear(step, bits, "input");
        if (config.memoryUnits() > 0) {
            NDArray units = own(step, p("memory.units").reshape(1, config.memoryUnits()));
            NDArray mem = linearNoBias(step, units, p("memory.proj"));
            h = h.add(mem);
        }
        return h;
    }

    /** Residual blocks {@code from} (inclusive) to {@code to} (exclusive) applied to the residual stream {@code h [batch, width]}. */
    public NDArray blocks(NDManager step, NDArray h, int from, int to, boolean training) {
        if (from < 0 || to > config.depth() || from > to) throw new IllegalArgumentException("blocks " + from + ".." + to + " of " + config.depth());
        NDArrayEx ex = h.getNDArrayInternal();
        int w = config.width();
        for (int i = from; i < to; i++) {
            String b = "blocks." + i + ".";
            NDArray a = ex.layerNorm(h, new Shape(w), p(b + "norm.weight"), p(b + "norm.bias"), LN_EPS).singletonOrThrow();
            if (config.body().isMoe()) {
                h = h.add(moe.forward(step, a, b + "moe.", training));
                continue;
            }
            NDArray u = linear(step, a, b + "fc1").getNDArrayInternal().gelu();
            if (training && config.dropout() > 0) u = ex.dropout(u, (float) config.dropout(), true).singletonOrThrow();
            h = h.add(linear(step, u, b + "fc2"));
        }
        return h;
    }

    /** The final LayerNorm and the heads on the residual stream leaving the last block. */
    public Output head(NDManager step, NDArray h) {
        NDArray z = h.getNDArrayInternal().layerNorm(h, new Shape(config.width()), p("norm.weight"), p("norm.bias"), LN_EPS).singletonOrThrow();
        NDArray logits = linear(step, z, "head");
        NDArray emb = config.embeddingDim() > 0 ? linear(step, z, "embed") : null;
        return new Output(logits, emb);
    }

    private NDArray p(String name) { return params.get(name); }

    private NDArray linear(NDManager step, NDArray x, String prefix) {
        NDArray wt = p(prefix + ".weight");
        NDArray bias = p(prefix + ".bias");
        if (mixedPrecision) {
            NDArray xh = x.toType(DataType.FLOAT16, false);
            NDArray wh = own(step, wt.toType(DataType.FLOAT16, false));
            NDArray bh = own(step, bias.toType(DataType.FLOAT16, false));
            return xh.getNDArrayInternal().linear(xh, wh, bh).singletonOrThrow().toType(DataType.FLOAT32, false);
        }
        return x.getNDArrayInternal().linear(x, wt, bias).singletonOrThrow();
    }

    private static NDArray linearNoBias(NDManager step, NDArray x, NDArray wt) {
        return own(step, x.getNDArrayInternal().linear(x, wt, null).singletonOrThrow());
    }

    /** Moves an array created from a parameter into the step manager, so it is freed with the step. */
    private static NDArray own(NDManager step, NDArray a) {
        a.attach(step);
        return a;
    }

    /** Arrays owned by the model's manager (constant over training: forward passes allocate nothing here). */
    public int liveArrays() { return manager.getManagedArrays().size(); }

    @Override public void close() { manager.close(); }
}
