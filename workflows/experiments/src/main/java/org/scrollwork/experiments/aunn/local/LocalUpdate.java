package org.scrollwork.experiments.aunn.local;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.scrollwork.aunn.model.AunnModel;

/**
 * Conditions a model on new bytes without backpropagation: one forward pass that keeps the activations
 * each layer needs, then a local weight change per layer (plain SGD, no optimizer state).
 *
 * <ul>
 *   <li>{@link Rule#DELTA}: the delta rule on the byte head only. With softmax outputs {@code p} and the
 *       one-hot target {@code y}, {@code W -= lr · (p − y)ᵀ z / n}, {@code b -= lr · mean(p − y)}, where
 *       {@code z} is the head's input. This is the exact cross-entropy gradient of the last layer, obtained
 *       from the forward pass alone.</li>
 *   <li>{@link Rule#DFA}: the delta rule on the head plus direct feedback alignment on the second linear
 *       layer of every residual block: the output error {@code e = p − y} reaches block {@code i}'s residual
 *       output through a fixed random matrix {@code Bᵢ} (256 × width, entries N(0, 1/256)), and
 *       {@code W2ᵢ -= lr · (e Bᵢ)ᵀ uᵢ / n}, {@code b2ᵢ -= lr · mean(e Bᵢ)} with {@code uᵢ} the block's hidden
 *       activation. No error is propagated backwards through any weight.</li>
 * </ul>
 *
 * Works on models without implicit memory units and without mixed precision (the forward pass here is
 * the float32 one of {@link AunnModel}). Changes the model's parameters in place; use a copy to keep
 * the original.
 */
public final class LocalUpdate implements AutoCloseable {

    /** Which layers learn and how. */
    public enum Rule { DELTA, DFA }

    private final AunnModel model;
    private final Rule rule;
    private final NDManager manager;
    private final List<NDArray> feedback = new ArrayList<>();

    /**
     * @param seed seeds the fixed random feedback matrices of {@link Rule#DFA}
     * @throws IllegalArgumentException for a model with memory units
     */
    public LocalUpdate(AunnModel model, Rule rule, long seed) {
        if (model.config().memoryUnits() > 0) throw new IllegalArgumentException("local updates need a model without memory units");
        this.model = model;
        this.rule = rule;
        this.manager = NDManager.newBaseManager(model.device());
        if (rule == Rule.DFA) {
            Random r = new Random(seed);
            int w = model.config().width();
            for (int i = 0; i < model.config().depth(); i++) {
                float[] b = new float[256 * w];
                for (int k = 0; k < b.length; k++) b[k] = (float) (r.nextGaussian() / 16.0);
                feedback.add(manager.create(b, new Shape(256, w)));
            }
        }
    }

    public Rule rule() { return rule; }

    /**
     * One local update on the bytes at {@code indices} at learning rate {@code lr}.
     *
     * @return the mean loss in bits of the batch before the update
     */
    public double update(long[] indices, int[] bytes, double lr) {
        if (indices.length != bytes.length || indices.length == 0) throw new IllegalArgumentException("need one byte per index and at least one index");
        int n = indices.length;
        float scale = (float) (lr / n);
        try (NDManager sm = manager.newSubManager()) {
            Activations a = forward(sm, model, indices);
            NDArray p = a.logits.softmax(1);
            float[] onehot = new float[n * 256];
            for (int i = 0; i < n; i++) onehot[i * 256 + bytes[i]] = 1f;
            NDArray y = sm.create(onehot, new Shape(n, 256));
            NDArray lp = a.logits.logSoftmax(1).mul(y).sum(new int[] {1});
            double bits = -lp.sum().getFloat() / n / Math.log(2);
            NDArray e = p.sub(y); // [n, 256]
            // DFA first: its signals use the same forward pass (the head's change does not feed back)
            if (rule == Rule.DFA) {
                for (int i = 0; i < model.config().depth(); i++) {
                    NDArray dh = e.matMul(feedback.get(i)); // [n, w]
                    String b = "blocks." + i + ".fc2.";
                    model.parameters().get(b + "weight").subi(dh.transpose().matMul(a.hidden.get(i)).mul(scale));
                    model.parameters().get(b + "bias").subi(dh.sum(new int[] {0}).mul(scale));
                }
            }
            model.parameters().get("head.weight").subi(e.transpose().matMul(a.headInput).mul(scale));
            model.parameters().get("head.bias").subi(e.sum(new int[] {0}).mul(scale));
            return bits;
        }
    }

    /** A forward pass's logits, the head's input and each block's hidden activation {@code gelu(fc1(LN(h)))}. */
    record Activations(NDArray logits, NDArray headInput, List<NDArray> hidden) {}

    /** The float32 forward pass of {@link AunnModel}, keeping the activations the local rules need. */
    static Activations forward(NDManager sm, AunnModel model, long[] indices) {
        NDArray x = model.encoding().encode(sm, indices).toDevice(model.device(), false);
        x.attach(sm);
        NDArrayEx ex = x.getNDArrayInternal();
        var p = model.parameters();
        int w = model.config().width();
        NDArray h = linear(x, p.get("input.weight"), p.get("input.bias"));
        List<NDArray> hidden = new ArrayList<>();
        for (int i = 0; i < model.config().depth(); i++) {
            String b = "blocks." + i + ".";
            NDArray a = ex.layerNorm(h, new Shape(w), p.get(b + "norm.weight"), p.get(b + "norm.bias"), AunnModel.LN_EPS).singletonOrThrow();
            NDArray u = linear(a, p.get(b + "fc1.weight"), p.get(b + "fc1.bias")).getNDArrayInternal().gelu();
            hidden.add(u);
            h = h.add(linear(u, p.get(b + "fc2.weight"), p.get(b + "fc2.bias")));
        }
        NDArray z = ex.layerNorm(h, new Shape(w), p.get("norm.weight"), p.get("norm.bias"), AunnModel.LN_EPS).singletonOrThrow();
        return new Activations(linear(z, p.get("head.weight"), p.get("head.bias")), z, hidden);
    }

    private static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
    }

    @Override public void close() { manager.close(); }
}
