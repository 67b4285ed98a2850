package org.scrollwork.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.util.function.Consumer;

/**
 * Refuses the steps whose loss or gradients are not finite, as mixed-precision training skips overflowing ones: their
 * gradients are zeroed and each skip is logged with the count so far.
 */
final class NonFiniteStepSkipper implements UpdateGuard {

    private final Block block;
    private final Consumer<String> log;
    private int skipped;

    NonFiniteStepSkipper(Block block, Consumer<String> log) {
        this.block = block;
        this.log = log;
    }

    @Override
    public boolean admits(int step, float bits) {
        if (Float.isFinite(bits) && gradientsFinite()) return true;
        skipped++;
        zeroGradients();
        log.accept(String.format("step %d: loss %.3f, gradients not finite: step skipped (%d so far)", step + 1, bits, skipped));
        return false;
    }

    /** Sets every gradient to 0 (DJL's zeroGradients subtracts a gradient from itself, which leaves NaN as NaN). */
    private void zeroGradients() {
        for (var p : block.getParameters()) {
            NDArray g = p.getValue().getArray().getGradient();
            CharTransformerBlock.assign(g, new float[(int) g.size()]);
        }
    }

    private boolean gradientsFinite() {
        for (var p : block.getParameters()) {
            NDArray g = p.getValue().getArray().getGradient();
            if (g.isNaN().any().getBoolean() || g.isInfinite().any().getBoolean()) return false;
        }
        return true;
    }
}
