package org.scrollwork.aunn.model;

/**
 * Serializable choice of the feed-forward part of each residual block.
 *
 * <ul>
 *   <li>{@code MLP} (the default): {@code W2 gelu(W1 a + b1) + b2} with hidden width equal to the model width.</li>
 *   <li>{@code MOE}: a sigma-MoE block (Csordás, Irie and Schmidhuber 2023, "Approximating two-layer feedforward
 *   networks for efficient transformers"): {@code experts} small MLPs of hidden width {@code expertWidth}; a
 *   selection matrix scores each expert with {@code sigmoid(Wsel a)} and each input is sent to the {@code topK}
 *   experts with the highest scores, whose outputs are summed weighted by their (unnormalised) scores. With
 *   {@code expertDropout > 0}, each expert is dropped from the selection of each training input with that
 *   probability (a row that would lose all of them keeps them all).</li>
 * </ul>
 * Parameter-equal with the dense MLP when {@code experts * expertWidth == width} (plus the {@code experts * width}
 * selection weights and {@code (experts - 1) * width} extra output biases).
 *
 * @param kind          MLP or MOE
 * @param experts       number of experts (MOE), 0 for MLP
 * @param topK          experts used per input, 1..experts (MOE), 0 for MLP
 * @param expertWidth   hidden width of each expert (MOE), 0 for MLP
 * @param expertDropout probability of dropping an expert from a training input's selection, in [0, 1)
 */
public record BodySpec(Kind kind, int experts, int topK, int expertWidth, double expertDropout) {

    /** The feed-forward kinds. */
    public enum Kind { MLP, MOE }

    public BodySpec {
        if (kind == null) throw new IllegalArgumentException("body kind missing");
        if (kind == Kind.MLP) {
            if (experts != 0 || topK != 0 || expertWidth != 0 || expertDropout != 0) {
                throw new IllegalArgumentException("an MLP body takes no experts, topK, expertWidth or expertDropout");
            }
        } else {
            if (experts < 1) throw new IllegalArgumentException("experts must be positive: " + experts);
            if (topK < 1 || topK > experts) throw new IllegalArgumentException("topK must be in 1.." + experts + ": " + topK);
            if (expertWidth < 1) throw new IllegalArgumentException("expertWidth must be positive: " + expertWidth);
            if (!(expertDropout >= 0 && expertDropout < 1)) throw new IllegalArgumentException("expertDropout must be in [0, 1): " + expertDropout);
        }
    }

    /** The dense MLP body. */
    public static BodySpec mlp() { return new BodySpec(Kind.MLP, 0, 0, 0, 0.0); }

    /** A sigma-MoE body. */
    public static BodySpec moe(int experts, int topK, int expertWidth, double expertDropout) {
        return new BodySpec(Kind.MOE, experts, topK, expertWidth, expertDropout);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isMoe() { return kind == Kind.MOE; }
}
