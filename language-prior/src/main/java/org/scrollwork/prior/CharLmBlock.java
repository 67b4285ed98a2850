package org.scrollwork.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The network of a {@link CharLm}: one-hot input symbols → multi-layer GRU → dropout → linear head over the alphabet.
 *
 * <p>Input: {@code NDList(symbols)} with int symbols of shape (B, T) or float (soft one-hot) rows of shape
 * (B, T, symbols), or {@code NDList(symbols, state)} with a float
 * state of shape (layers, B, hidden) to continue from. Output: {@code NDList(logits (B, T, alphabet), state (layers, B,
 * hidden), hidden (B, T, hidden))}: the logits at t predict the symbol after input t; the hidden output is the last
 * GRU layer's output before dropout.
 */
final class CharLmBlock extends AbstractBlock {

    private final CharLmConfig config;
    private final GRU gru;
    private final Dropout dropout;
    private final Linear head;

    CharLmBlock(CharLmConfig config) {
        this.config = config;
        this.gru = addChildBlock("gru", GRU.builder()
                .setStateSize(config.hiddenSize())
                .setNumLayers(config.layers())
                .optDropRate(config.layers() > 1 ? config.dropout() : 0f)
                .optBatchFirst(true)
                .optReturnState(true)
                .build());
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate(config.dropout()).build());
        this.head = addChildBlock("head", Linear.builder().setUnits(config.alphabet().length()).build());
    }

    CharLmConfig config() { return config; }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray in = inputs.get(0);
        // float (B, T, symbols) inputs are already (soft) one-hot rows: the critic route feeds letter distributions
        NDArray x = in.getShape().dimension() == 3 && in.getDataType() == DataType.FLOAT32 ? in
                : in.oneHot(config.inputSymbols()).toType(DataType.FLOAT32, false);
        NDList gruIn = inputs.size() > 1 ? new NDList(x, inputs.get(1)) : new NDList(x);
        NDList gruOut = gru.forward(ps, gruIn, training);
        NDArray hidden = gruOut.get(0);
        NDArray h = config.dropout() > 0 ? dropout.forward(ps, new NDList(hidden), training).head() : hidden;
        NDArray logits = head.forward(ps, new NDList(h), training).head();
        return new NDList(logits, gruOut.get(1), hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0), t = inputShapes[0].get(1);
        return new Shape[] {
            new Shape(b, t, config.alphabet().length()),
            new Shape(config.layers(), b, config.hiddenSize()),
            new Shape(b, t, config.hiddenSize())
        };
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0), t = inputShapes[0].get(1);
        gru.initialize(manager, dataType, new Shape(b, t, config.inputSymbols()));
        dropout.initialize(manager, dataType, new Shape(b, t, config.hiddenSize()));
        head.initialize(manager, dataType, new Shape(b, t, config.hiddenSize()));
    }
}
