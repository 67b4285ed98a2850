package org.scrollwork.prior;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Dynamic evaluation of a {@link CharLm} (Krause et al. 2018): the text is read left to right in segments of
 * {@code segment} letters; each segment is first scored with the current parameters, then the parameters take one
 * gradient step on that segment's cross-entropy, so later text is predicted by a model adapted to what came before.
 * No letter is ever scored by parameters that have seen it. The hidden state is carried across segments (gradients
 * are not). The update is plain SGD with the gradient clipped to global norm 1, plus a decay {@code decay} of the
 * parameters back toward the trained ones each step: θ ← θ − lr·g + decay·(θ₀ − θ).
 *
 * <p>The adapted parameters are used only while scoring: {@link #textLetterLogProbs} and {@link #bitsPerChar} start
 * from the trained parameters for every text and leave them as they were. Cost: about three times a static pass
 * (a forward and a backward per segment), one segment at a time.
 */
public final class CharLmDynamicEvaluation {

    private final CharLm lm;
    private final int segment;
    private final float learningRate;
    private final float decay;
    /** Per parameter, the root mean square of its gradient on training segments; null for plain (clipped) SGD. */
    private final float[][] gradientRms;

    /**
     * @param segment letters per scored-then-learned segment, >= 1
     * @param learningRate SGD step size, >= 0 (0 gives the static scores)
     * @param decay pull back toward the trained parameters per step, in [0, 1]
     */
    public CharLmDynamicEvaluation(CharLm lm, int segment, float learningRate, float decay) {
        this(lm, segment, learningRate, decay, null);
    }

    private CharLmDynamicEvaluation(CharLm lm, int segment, float learningRate, float decay, float[][] gradientRms) {
        if (segment < 1) throw new IllegalArgumentException("segment must be >= 1, was " + segment);
        if (!(learningRate >= 0)) throw new IllegalArgumentException("learningRate must be >= 0, was " + learningRate);
        if (!(decay >= 0 && decay <= 1)) throw new IllegalArgumentException("decay must be in [0, 1], was " + decay);
        this.lm = lm;
        this.segment = segment;
        this.learningRate = learningRate;
        this.decay = decay;
        this.gradientRms = gradientRms;
    }

    /**
     * The RMS-normalised variant of Krause et al. (2018): each parameter's step is divided by the root mean square
     * of its gradient measured on {@code samples} random training segments (of {@code segment} letters, read from the
     * zero state), θ ← θ − lr·g/(rms + 1e-8) + decay·(θ₀ − θ), without clipping. Learning rates are then in units
     * of "typical gradients" and much smaller than for plain SGD (1e-5 … 1e-3).
     */
    public static CharLmDynamicEvaluation rmsNormalized(CharLm lm, int segment, float learningRate, float decay,
                                                        List<String> training, int samples, long seed) {
        return new CharLmDynamicEvaluation(lm, segment, learningRate, decay, gradientRms(lm, segment, training, samples, seed));
    }

    /** The same evaluation (segment, gradient scales) with another learning rate and decay. */
    public CharLmDynamicEvaluation withLearningRate(float learningRate, float decay) {
        return new CharLmDynamicEvaluation(lm, segment, learningRate, decay, gradientRms);
    }

    /** Per parameter (in {@code getParameters()} order), the RMS of the segment gradients on training text. */
    static float[][] gradientRms(CharLm lm, int segment, List<String> training, int samples, long seed) {
        List<String> usable = training.stream().filter(t -> t.length() > segment).toList();
        if (usable.isEmpty()) throw new IllegalArgumentException("no training text has more than " + segment + " letters");
        List<Parameter> params = new ArrayList<>();
        for (Pair<String, Parameter> p : lm.block().getParameters()) params.add(p.getValue());
        double[][] sum = new double[params.size()][];
        java.util.Random rnd = new java.util.Random(seed);
        NDManager root = lm.model().getNDManager();
        for (Parameter p : params) p.getArray().setRequiresGradient(true);
        try {
            for (int n = 0; n < samples; n++) {
                String t = usable.get(rnd.nextInt(usable.size()));
                int at = rnd.nextInt(t.length() - segment);
                int[] letters = CharModel.encode(t.substring(at + 1, at + 1 + segment));
                int[] in = CharModel.encode(t.substring(at, at + segment));
                try (NDScope scope = new NDScope(); NDManager step = root.newSubManager()) {
                    NDArray x = step.create(in, new Shape(1, segment));
                    NDArray y = step.create(letters, new Shape(1, segment));
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDList res = lm.block().forward(new ParameterStore(root, false), new NDList(x), false);
                        NDArray lp = res.get(0).logSoftmax(-1).mul(y.oneHot(CharModel.ALPHABET_SIZE)).sum(new int[] {2});
                        gc.backward(lp.sum().div(-(float) segment));
                    }
                    for (int i = 0; i < params.size(); i++) {
                        NDArray g = params.get(i).getArray().getGradient();
                        float[] v = g.toFloatArray();
                        if (sum[i] == null) sum[i] = new double[v.length];
                        for (int j = 0; j < v.length; j++) sum[i][j] += (double) v[j] * v[j];
                        g.subi(g);
                    }
                }
            }
        } finally {
            for (Parameter p : params) p.getArray().setRequiresGradient(false);
        }
        float[][] rms = new float[params.size()][];
        for (int i = 0; i < rms.length; i++) {
            rms[i] = new float[sum[i].length];
            for (int j = 0; j < rms[i].length; j++) rms[i][j] = (float) Math.sqrt(sum[i][j] / samples);
        }
        return rms;
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
        int[] letters = CharModel.encode(text);
        int[] in = new int[letters.length];
        if (letters.length > 0) {
            in[0] = lm.config().startSymbol();
            System.arraycopy(letters, 0, in, 1, letters.length - 1);
        }
        double[] out = new double[letters.length];
        List<Parameter> params = new ArrayList<>();
        for (Pair<String, Parameter> p : lm.block().getParameters()) params.add(p.getValue());
        NDManager root = lm.model().getNDManager();
        try (NDManager keep = root.newSubManager()) {
            List<NDArray> trained = new ArrayList<>();
            List<NDArray> scale = null;
            if (gradientRms != null) {
                scale = new ArrayList<>();
                for (int i = 0; i < params.size(); i++) {
                    NDArray r = keep.create(gradientRms[i], params.get(i).getArray().getShape()).add(1e-8f);
                    scale.add(r);
                }
            }
            for (Parameter p : params) {
                NDArray copy = p.getArray().duplicate();
                copy.attach(keep);
                trained.add(copy);
                p.getArray().setRequiresGradient(true);
            }
            try {
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
                        if (learningRate > 0) update(params, trained, scale);
                        NDScope.unregister(nextState);
                        nextState.attach(keep);
                        if (state != null) state.close();
                        state = nextState;
                    }
                }
            } finally {
                for (int i = 0; i < params.size(); i++) {
                    NDArray w = params.get(i).getArray();
                    w.setRequiresGradient(false);
                    w.set(trained.get(i).toByteBuffer());
                }
            }
        }
        return out;
    }

    /** θ ← θ − lr·clip(g) + decay·(θ₀ − θ), gradients clipped to global norm 1 and then cleared. */
    private void update(List<Parameter> params, List<NDArray> trained, List<NDArray> scale) {
        float step = learningRate;
        if (scale == null) {
            double sq = 0;
            for (Parameter p : params) sq += p.getArray().getGradient().square().sum().getFloat();
            step = (float) (learningRate * Math.min(1.0, 1.0 / Math.sqrt(sq + 1e-12)));
        }
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            NDArray g = w.getGradient();
            if (decay > 0) w.addi(trained.get(i).sub(w).muli(decay));
            w.subi(scale == null ? g.mul(step) : g.div(scale.get(i)).muli(step));
            g.subi(g);
        }
    }
}
