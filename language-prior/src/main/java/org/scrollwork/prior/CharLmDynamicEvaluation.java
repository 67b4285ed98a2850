package org.scrollwork.prior;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Dynamic evaluation of a {@link CharLm} (Krause et al. 2018): the text is read left to right in segments of
 * {@code segment} letters; each segment is first scored with the current parameters, then the parameters take one
 * gradient step on that segment's cross-entropy, so later text is predicted by a model adapted to what came before.
 * No letter is ever scored by parameters that have seen it. The hidden state is carried across segments (gradients
 * are not). The update is plain SGD with the gradient clipped to global norm 1: θ ← θ − lr·g. (The RMS-normalised
 * update of Krause et al. was tried and gained nothing over it on the validation books.)
 *
 * <p>The adapted parameters are used only while scoring: {@link #textLetterLogProbs} and {@link #bitsPerChar} start
 * from the trained parameters for every text and leave them as they were; {@link #carriedLetterLogProbs} reads several
 * texts as one stream (the adaptation carries from each text into the next, as when Krause et al. read a whole test
 * set as one sequence; the hidden state starts afresh at each text) and restores the parameters at the end. While a text is being scored the model's
 * own parameters are the adapted ones, so the model must not be used elsewhere meanwhile (not thread-safe). Cost: a
 * forward and a backward pass per segment, one segment at a time (46 s for the 60,219 test letters in segments of 64
 * on this machine, lightly loaded).
 */
public final class CharLmDynamicEvaluation {

    /** Every element of an array, for copying into it. */
    private static final NDIndex ALL = new NDIndex("...");

    private final CharLm lm;
    private final int segment;
    private final float learningRate;

    /**
     * @param segment letters per scored-then-learned segment, >= 1
     * @param learningRate SGD step size (the length of the step in parameter space at most, as the gradient is
     *     clipped to norm 1), >= 0; 0 gives the static scores
     */
    public CharLmDynamicEvaluation(CharLm lm, int segment, float learningRate) {
        if (segment < 1) throw new IllegalArgumentException("segment must be >= 1, was " + segment);
        if (!(learningRate >= 0)) throw new IllegalArgumentException("learningRate must be >= 0, was " + learningRate);
        this.lm = lm;
        this.segment = segment;
        this.learningRate = learningRate;
    }

    /** Mean bits per letter of the texts, each read from its start with the trained parameters. */
    public double bitsPerChar(List<String> texts) {
        double ln = 0;
        long n = 0;
        for (String t : texts) {
            for (double x : textLetterLogProbs(t)) ln += x;
            n += t.length();
        }
        if (n == 0) throw new IllegalArgumentException("no letters to score");
        return -ln / Math.log(2) / n;
    }

    /**
     * ln P(letter i | letters 0 … i-1) for every letter, each scored before the model learns the segment it is in.
     * The model's parameters are restored afterwards.
     */
    public double[] textLetterLogProbs(String text) {
        return carriedLetterLogProbs(List.of(text)).get(0);
    }

    /**
     * ln P(letter | letters before it in the same text) for every letter of every text, the texts read in order as one
     * stream of segments: each segment is scored, then learned, and the adaptation carries over from one text into
     * the next (the hidden state does not). The model's parameters are restored afterwards.
     */
    public List<double[]> carriedLetterLogProbs(List<String> texts) {
        List<double[]> outs = new ArrayList<>();
        read(texts, outs, () -> { });
        return outs;
    }

    /**
     * Adapts the model to {@code visible} (read as one stream, as {@link #carriedLetterLogProbs} reads its texts) and
     * returns {@code use.apply(model)} computed with the adapted parameters; the trained parameters are restored
     * afterwards. For restoration with the rest of a document in view: {@code visible} is the document's letters
     * around its lacunae, in pieces that do not span them. Not thread-safe, like the rest of this class.
     */
    public <T> T withAdaptation(List<String> visible, Function<CharLm, T> use) {
        List<Object> result = new ArrayList<>(1);
        read(visible, new ArrayList<>(), () -> result.add(use.apply(lm)));
        @SuppressWarnings("unchecked") T t = (T) result.get(0);
        return t;
    }

    /** Scores and learns the texts in order into {@code outs}, runs {@code adapted} with the adapted parameters (not requiring gradients), then restores the trained ones. */
    private void read(List<String> texts, List<double[]> outs, Runnable adapted) {
        List<Parameter> params = new ArrayList<>();
        for (Pair<String, Parameter> p : lm.block().getParameters()) params.add(p.getValue());
        NDManager root = lm.model().getNDManager();
        try (NDManager keep = root.newSubManager()) {
            List<NDArray> trained = new ArrayList<>();
            for (Parameter p : params) {
                NDArray copy = p.getArray().duplicate();
                copy.attach(keep);
                trained.add(copy);
                p.getArray().setRequiresGradient(true);
            }
            try {
              for (String text : texts) {
                int[] letters = CharModel.encode(text);
                int[] in = new int[letters.length];
                if (letters.length > 0) {
                    in[0] = lm.config().startSymbol();
                    System.arraycopy(letters, 0, in, 1, letters.length - 1);
                }
                double[] out = new double[letters.length];
                outs.add(out);
                NDArray state = null;
                for (int from = 0; from < letters.length; from += segment) {
                    int to = Math.min(letters.length, from + segment), t = to - from;
                    // the scope closes every array made for this segment (gradients' wrappers included) but the state
                    try (NDScope scope = new NDScope(); NDManager step = keep.newSubManager()) {
                        NDArray x = step.create(java.util.Arrays.copyOfRange(in, from, to), new Shape(1, t));
                        NDArray y = step.create(java.util.Arrays.copyOfRange(letters, from, to), new Shape(1, t));
                        NDList input = state == null ? new NDList(x) : new NDList(x, state);
                        NDArray nextState;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDList res = lm.block().forward(new ParameterStore(root, false), input, false);
                            NDArray lp = res.get(0).logSoftmax(-1).mul(y.oneHot(CharModel.ALPHABET_SIZE)).sum(new int[] {2});   // (1, t)
                            float[] v = lp.toFloatArray();
                            for (int i = 0; i < t; i++) out[from + i] = v[i];
                            if (learningRate > 0) gc.backward(lp.sum().div(-(float) t));
                            nextState = res.get(1).stopGradient();
                        }
                        if (learningRate > 0) update(params);
                        NDScope.unregister(nextState);
                        nextState.attach(keep);
                        if (state != null) state.close();
                        state = nextState;
                    }
                }
                if (state != null) state.close();
              }
              for (Parameter p : params) p.getArray().setRequiresGradient(false);
              adapted.run();
            } finally {
                for (int i = 0; i < params.size(); i++) {
                    NDArray w = params.get(i).getArray();
                    w.setRequiresGradient(false);
                    // an indexed copy, exact like set(ByteBuffer) but without libtorch's AutoNonVariableTypeMode, whose
                    // deprecation warning set(ByteBuffer) printed on stderr
                    w.set(ALL, trained.get(i));
                }
            }
        }
    }

    /** Mean bits per letter of the texts read as one stream ({@link #carriedLetterLogProbs}). */
    public double carriedBitsPerChar(List<String> texts) {
        double ln = 0;
        long n = 0;
        for (double[] lp : carriedLetterLogProbs(texts)) {
            for (double x : lp) ln += x;
            n += lp.length;
        }
        if (n == 0) throw new IllegalArgumentException("no letters to score");
        return -ln / Math.log(2) / n;
    }

    /** θ ← θ − lr·g, the gradient clipped to global norm 1; gradients are cleared afterwards. */
    private void update(List<Parameter> params) {
        double sq = 0;
        for (Parameter p : params) sq += p.getArray().getGradient().square().sum().getFloat();
        float step = (float) (learningRate * Math.min(1.0, 1.0 / Math.sqrt(sq + 1e-12)));
        for (Parameter p : params) {
            NDArray g = p.getArray().getGradient();
            p.getArray().subi(g.mul(step));
            g.subi(g);
        }
    }
}
