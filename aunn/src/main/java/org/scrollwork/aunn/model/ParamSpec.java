package org.scrollwork.aunn.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One named parameter of an {@link AunnModel}: its shape, whether AdamW decays it, and whether it
 * belongs to the implicit memory (which trains with its own learning-rate multiplier). Names and
 * shapes follow PyTorch's {@code nn.Linear} / {@code nn.LayerNorm} conventions (weight
 * {@code [out, in]}), so a state dict exported under these names loads into the same net in
 * PyTorch.
 */
public record ParamSpec(String name, long[] shape, boolean decay, boolean memory) {

    /** Number of values. */
    public long size() {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    /**
     * All parameters of a model with this config, in a fixed order. A sigma-MoE block ({@link BodySpec}) has,
     * instead of {@code fc1}/{@code fc2}: {@code moe.select.weight [E, W]}, and the experts' layers stacked
     * expert after expert: {@code moe.fc1.weight [E*G, W]}, {@code moe.fc1.bias [E*G]},
     * {@code moe.fc2.weight [E*W, G]}, {@code moe.fc2.bias [E*W]} (expert {@code e} owns rows
     * {@code e*G..(e+1)*G-1} of fc1 and {@code e*W..(e+1)*W-1} of fc2).
     */
    public static List<ParamSpec> of(AunnConfig c) {
        List<ParamSpec> out = new ArrayList<>();
        int w = c.width();
        if (c.encoding().readsGeometry()) out.addAll(GeometryEmbedding.params(c.encoding().geometry()));
        out.add(new ParamSpec("input.weight", new long[] {w, c.inputSize()}, true, false));
        out.add(new ParamSpec("input.bias", new long[] {w}, false, false));
        if (c.memoryUnits() > 0) {
            out.add(new ParamSpec("memory.units", new long[] {c.memoryUnits()}, false, true));
            out.add(new ParamSpec("memory.proj", new long[] {w, c.memoryUnits()}, true, true));
        }
        for (int i = 0; i < c.depth(); i++) {
            String p = "blocks." + i + ".";
            out.add(new ParamSpec(p + "norm.weight", new long[] {w}, false, false));
            out.add(new ParamSpec(p + "norm.bias", new long[] {w}, false, false));
            if (c.body().isMoe()) {
                int e = c.body().experts(), g = c.body().expertWidth();
                out.add(new ParamSpec(p + "moe.select.weight", new long[] {e, w}, true, false));
                out.add(new ParamSpec(p + "moe.fc1.weight", new long[] {(long) e * g, w}, true, false));
                out.add(new ParamSpec(p + "moe.fc1.bias", new long[] {(long) e * g}, false, false));
                out.add(new ParamSpec(p + "moe.fc2.weight", new long[] {(long) e * w, g}, true, false));
                out.add(new ParamSpec(p + "moe.fc2.bias", new long[] {(long) e * w}, false, false));
            } else {
                out.add(new ParamSpec(p + "fc1.weight", new long[] {w, w}, true, false));
                out.add(new ParamSpec(p + "fc1.bias", new long[] {w}, false, false));
                out.add(new ParamSpec(p + "fc2.weight", new long[] {w, w}, true, false));
                out.add(new ParamSpec(p + "fc2.bias", new long[] {w}, false, false));
            }
        }
        out.add(new ParamSpec("norm.weight", new long[] {w}, false, false));
        out.add(new ParamSpec("norm.bias", new long[] {w}, false, false));
        out.add(new ParamSpec("head.weight", new long[] {256, w}, true, false));
        out.add(new ParamSpec("head.bias", new long[] {256}, false, false));
        if (c.embeddingDim() > 0) {
            out.add(new ParamSpec("embed.weight", new long[] {c.embeddingDim(), w}, true, false));
            out.add(new ParamSpec("embed.bias", new long[] {c.embeddingDim()}, false, false));
        }
        return List.copyOf(out);
    }

    /**
     * Deterministic initial values: grid tables uniform in {@code +-1e-4}, the channel embedding in {@code +-0.1},
     * linear weights uniform in {@code +-1/sqrt(fan_in)} (PyTorch's
     * default bound), {@code fc2} weights further scaled by {@code 1/sqrt(2 depth)}, biases 0,
     * norm weights 1, memory units uniform in {@code +-1}. Drawn from {@link SplitMix64} keyed by
     * {@code (seed, parameter position)}, so they never depend on the engine.
     */
    public float[] initialValues(long seed, int position, int depth) {
        float[] v = new float[Math.toIntExact(size())];
        if (name.startsWith("embedding.")) {
            // grids start near zero (Instant-NGP): a vertex no sample reaches contributes nothing
            double bound = name.equals(GeometryEmbedding.CHANNEL) ? 0.1 : 1e-4;
            SplitMix64 r = SplitMix64.forKey(seed, 17, position);
            for (int i = 0; i < v.length; i++) v[i] = (float) ((2 * r.nextDouble() - 1) * bound);
        } else if (name.endsWith("norm.weight")) {
            java.util.Arrays.fill(v, 1f);
        } else if (name.endsWith(".weight") || name.equals("memory.proj") || name.equals("memory.units")) {
            double bound = name.equals("memory.units") ? 1.0 : 1.0 / Math.sqrt(shape[1]);
            if (name.endsWith("fc2.weight")) bound /= Math.sqrt(2.0 * Math.max(1, depth));
            SplitMix64 r = SplitMix64.forKey(seed, 17, position);
            for (int i = 0; i < v.length; i++) v[i] = (float) ((2 * r.nextDouble() - 1) * bound);
        }
        return v;
    }
}
