package org.scrollwork.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The network of a {@link CharTransformer}: symbol embedding + learned position embedding → pre-LN encoder blocks
 * (bidirectional multi-head self-attention with a learned bias per head and relative offset, GELU MLP of width 4 × dim,
 * each branch added back through dropout) →
 * final LayerNorm → linear head over the alphabet. Every weight is initialised N(0, 0.02), biases 0.
 *
 * <p>Input: {@code NDList(symbols)} with int symbols (B, T), T <= window, or {@code NDList(symbols, keep)} with a float
 * (B, T) mask, 1 where a position holds a symbol and 0 for padding (padding is never attended to). Output:
 * {@code NDList(logits (B, T, alphabet))}.
 */
final class CharTransformerBlock extends AbstractBlock {

    private final CharTransformerConfig config;
    private final Parameter symbols;
    private final Parameter positions;
    private final EncoderLayer[] layers;
    private final LayerNorm finalNorm;
    private final Linear head;
    private final Dropout dropout;

    CharTransformerBlock(CharTransformerConfig config) {
        this.config = config;
        this.symbols = addParameter(Parameter.builder().setName("symbols").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(0.02f)).optShape(new Shape(config.inputSymbols(), config.dim())).build());
        this.positions = addParameter(Parameter.builder().setName("positions").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(0.02f)).optShape(new Shape(config.window(), config.dim())).build());
        this.layers = new EncoderLayer[config.layers()];
        for (int i = 0; i < layers.length; i++) layers[i] = addChildBlock("layer" + i, new EncoderLayer(config));
        this.finalNorm = addChildBlock("norm", LayerNorm.builder().axis(2).build());
        this.head = addChildBlock("head", Linear.builder().setUnits(config.alphabet().length()).build());
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate(config.dropout()).build());
        // GPT-2's initialisation: every weight N(0, 0.02). With DJL's default (Xavier) for the linear layers, the first
        // attention output (a near-uniform average over the window) swamped the embeddings, and training sat at
        // unigram level (4.10 validation bits per masked letter after 250 steps)
        setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
    }

    CharTransformerConfig config() { return config; }

    /**
     * Before training: sets the learned position embeddings to sinusoids (Vaswani et al.) of the embeddings' scale, and
     * every layer's relative attention bias to a linear one as in ALiBi (Press et al.), but centred on a neighbour:
     * heads 0, 1, 2, 3, … add -|j - i - c| with c = -1, +1, -2, +2, …, so that from the first step each head reads
     * mostly one neighbour of its own (the one before, after, two before, …). Without the
     * relative bias (learned absolute positions only, from N(0, 0.02) or sinusoids) training sat at unigram level,
     * 4.10 bits per masked letter, for its first 250 steps: attention by offset had to be discovered through the
     * product of small query and key weights.
     */
    void initialisePositions() {
        for (EncoderLayer l : layers) l.initialiseRelative();
        int w = config.window(), d = config.dim();
        float[] pe = new float[w * d];
        double scale = 0.02 * Math.sqrt(2);
        for (int p = 0; p < w; p++) {
            for (int i = 0; i < d; i += 2) {
                double angle = p / Math.pow(10000, (double) i / d);
                pe[p * d + i] = (float) (scale * Math.sin(angle));
                if (i + 1 < d) pe[p * d + i + 1] = (float) (scale * Math.cos(angle));
            }
        }
        assign(positions.getArray(), pe);
    }

    /**
     * Overwrites a parameter's values by an indexed assignment: {@code NDArray.set(Buffer)} runs under libtorch's
     * deprecated AutoNonVariableTypeMode guard, which prints a warning on stderr.
     */
    static void assign(NDArray target, float[] values) {
        try (NDArray v = target.getManager().create(values, target.getShape())) {
            target.set(new NDIndex("..."), v);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray in = inputs.get(0);
        long t = in.getShape().get(1);
        if (t > config.window()) throw new IllegalArgumentException("input of " + t + " symbols exceeds the window " + config.window());
        NDArray emb = ps.getValue(symbols, in.getDevice(), training);
        NDArray pos = ps.getValue(positions, in.getDevice(), training);
        NDArray x = in.oneHot(config.inputSymbols()).toType(DataType.FLOAT32, false).matMul(emb).add(pos.get("0:" + t));
        // additive attention bias (B, 1, 1, T): 0 for symbols, a large negative number for padding
        NDArray bias = inputs.size() > 1 ? inputs.get(1).sub(1f).mul(1e9f).expandDims(1).expandDims(1) : null;
        x = drop(ps, x, training);
        for (EncoderLayer layer : layers) x = layer.apply(ps, x, bias, training, this::drop);
        NDArray h = finalNorm.forward(ps, new NDList(x), training).head();
        return new NDList(head.forward(ps, new NDList(h), training).head());
    }

    private NDArray drop(ParameterStore ps, NDArray x, boolean training) {
        return training && config.dropout() > 0 ? dropout.forward(ps, new NDList(x), true).head() : x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), config.alphabet().length())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = new Shape(1, config.window(), config.dim());
        for (EncoderLayer l : layers) l.initialize(manager, dataType, hidden);
        finalNorm.initialize(manager, dataType, hidden);
        head.initialize(manager, dataType, hidden);
        dropout.initialize(manager, dataType, hidden);
    }

    /** Dropout applied by the enclosing block (one generator for the whole network). */
    @FunctionalInterface
    interface Drop { NDArray apply(ParameterStore ps, NDArray x, boolean training); }

    /** One pre-LN encoder block: x + Attn(LN(x)), then x + MLP(LN(x)); attention scores get a learned bias per head and offset. */
    static final class EncoderLayer extends AbstractBlock {
        private final int dim, heads, window;
        private final Parameter relative;
        private final LayerNorm norm1, norm2;
        private final Linear qkv, out, up, down;

        EncoderLayer(CharTransformerConfig c) {
            this.dim = c.dim();
            this.heads = c.heads();
            this.window = c.window();
            relative = addParameter(Parameter.builder().setName("relative").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(heads, 2L * window - 1)).build());
            norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).build());
            qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * dim).build());
            out = addChildBlock("out", Linear.builder().setUnits(dim).build());
            norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).build());
            up = addChildBlock("up", Linear.builder().setUnits(4L * dim).build());
            down = addChildBlock("down", Linear.builder().setUnits(dim).build());
        }

        NDArray apply(ParameterStore ps, NDArray x, NDArray bias, boolean training, Drop drop) {
            long b = x.getShape().get(0), t = x.getShape().get(1), dh = dim / heads;
            NDArray h = norm1.forward(ps, new NDList(x), training).head();
            // (B, T, 3, H, dh) -> (3, B, H, T, dh)
            NDArray q3 = qkv.forward(ps, new NDList(h), training).head().reshape(b, t, 3, heads, dh).transpose(2, 0, 3, 1, 4);
            NDArray q = q3.get(0), k = q3.get(1), v = q3.get(2);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul((float) (1 / Math.sqrt(dh)));
            scores = scores.add(relativeBias(ps, x, (int) t, training));
            if (bias != null) scores = scores.add(bias);
            NDArray att = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, dim);
            x = x.add(drop.apply(ps, out.forward(ps, new NDList(att), training).head(), training));
            NDArray m = norm2.forward(ps, new NDList(x), training).head();
            m = down.forward(ps, new NDList(Activation.gelu(up.forward(ps, new NDList(m), training).head())), training).head();
            return x.add(drop.apply(ps, m, training));
        }

        /** (H, T, T): entry (h, i, j) is the bias of head h for a query at i and a key at j, learned per offset j - i. */
        private NDArray relativeBias(ParameterStore ps, NDArray x, int t, boolean training) {
            long[] idx = new long[heads * t * t];
            int span = 2 * window - 1, k = 0;
            for (int h = 0; h < heads; h++) for (int i = 0; i < t; i++) for (int j = 0; j < t; j++) idx[k++] = (long) h * span + (j - i + window - 1);
            NDArray rel = ps.getValue(relative, x.getDevice(), training);
            return rel.take(x.getManager(), x.getManager().create(idx, new Shape(heads, t, t)));
        }

        void initialiseRelative() {
            int span = 2 * window - 1;
            float[] b = new float[heads * span];
            for (int h = 0; h < heads; h++) {
                int centre = (h % 2 == 0 ? -1 : 1) * (h / 2 + 1);
                for (int o = 0; o < span; o++) b[h * span + o] = (float) -Math.abs(o - (window - 1) - centre);
            }
            assign(relative.getArray(), b);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            throw new UnsupportedOperationException("called through apply");
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) { return inputShapes; }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape s = inputShapes[0];
            long b = s.get(0), t = s.get(1);
            norm1.initialize(manager, dataType, s);
            qkv.initialize(manager, dataType, s);
            out.initialize(manager, dataType, s);
            norm2.initialize(manager, dataType, s);
            up.initialize(manager, dataType, s);
            down.initialize(manager, dataType, new Shape(b, t, 4L * dim));
        }
    }
}
