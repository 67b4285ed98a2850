package org.scrollwork.prior;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** The training loop of a {@link CharLm}: random windows (inputs optionally noised), cross-entropy on every position, Adam or AdamW, one sub-manager per step. */
final class CharLmTrainer {

    static final int EVAL_EVERY = 250;

    private final CharLm lm;
    private final CharLmTraining cfg;
    private final Consumer<String> log;
    private final Consumer<CharLmProgress> progress;

    CharLmTrainer(CharLm lm, CharLmTraining cfg, Consumer<String> log, Consumer<CharLmProgress> progress) {
        this.lm = lm;
        this.cfg = cfg;
        this.log = log;
        this.progress = progress;
    }

    /**
     * Trains on {@code texts}; if {@code validation} is not empty, measures its bits/char every
     * {@value #EVAL_EVERY} steps and at the end, and leaves the model with the parameters of the best measurement.
     */
    void train(List<String> texts, List<String> validation) {
        int w = cfg.windowLength();
        List<int[]> usable = new ArrayList<>();
        long[] cumulative = new long[texts.size()];
        long windows = 0;
        for (String t : texts) {
            if (t.length() < w) continue;
            usable.add(CharModel.encode(t));
            windows += t.length() - w + 1;
            cumulative[usable.size() - 1] = windows;
        }
        if (usable.isEmpty()) throw new IllegalArgumentException("no training text has " + w + " letters");
        Random rnd = new Random(cfg.seed());
        int b = cfg.batchSize(), start = lm.config().startSymbol(), v = CharModel.ALPHABET_SIZE;
        Tracker schedule = Tracker.cosine().setBaseValue(cfg.learningRate())
                .optFinalValue(cfg.learningRate() * 0.05f).setMaxUpdates(cfg.steps()).build();
        Optimizer adam = cfg.weightDecay() > 0
                ? Optimizer.adamW().optLearningRateTracker(schedule).optWeightDecays(cfg.weightDecay()).optClipGrad(1f).build()
                : Optimizer.adam().optLearningRateTracker(schedule).optClipGrad(1f).build();
        // a separate stream for the noise, so that runs without noise draw exactly the windows they always did
        Random noise = new Random(cfg.seed() * 31 + 7);
        DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam);
        long t0 = System.nanoTime();
        double runningBits = Double.NaN;
        double bestVal = Double.MAX_VALUE;
        byte[] best = null;
        try (Trainer trainer = lm.model().newTrainer(tc)) {
            for (int step = 0; step < cfg.steps(); step++) {
                int[] in = new int[b * w], target = new int[b * w];
                for (int i = 0; i < b; i++) {
                    long r = (long) (rnd.nextDouble() * windows);
                    int k = 0;
                    while (cumulative[k] <= r) k++;
                    int[] s = usable.get(k);
                    int pos = (int) (r - (k == 0 ? 0 : cumulative[k - 1]));
                    in[i * w] = start;
                    System.arraycopy(s, pos, in, i * w + 1, w - 1);
                    System.arraycopy(s, pos, target, i * w, w);
                }
                if (cfg.inputNoise() > 0) {
                    for (int j = 0; j < in.length; j++) if (j % w != 0 && noise.nextFloat() < cfg.inputNoise()) in[j] = noise.nextInt(v);
                }
                try (NDManager m = lm.model().getNDManager().newSubManager()) {
                    NDArray x = m.create(in, new Shape(b, w));
                    NDArray y = m.create(target, new Shape(b, w)).oneHot(v);
                    float bits;
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDList out = trainer.forward(new NDList(x));
                        NDArray loss = out.get(0).logSoftmax(-1).mul(y).sum().div(-(float) (b * w));
                        gc.backward(loss);
                        bits = loss.getFloat() / (float) Math.log(2);
                    }
                    trainer.step();
                    runningBits = Double.isNaN(runningBits) ? bits : 0.98 * runningBits + 0.02 * bits;
                }
                boolean evalNow = !validation.isEmpty() && ((step + 1) % EVAL_EVERY == 0 || step + 1 == cfg.steps());
                double bitsVal = Double.NaN;
                boolean isBest = false;
                if (evalNow) {
                    bitsVal = lm.bitsPerChar(validation);
                    if (bitsVal < bestVal) {
                        bestVal = bitsVal;
                        best = snapshot();
                        isBest = true;
                    }
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                progress.accept(new CharLmProgress(step + 1, cfg.steps(), runningBits, bitsVal, isBest, secs));
                if ((step + 1) % 100 == 0 || step + 1 == cfg.steps() || evalNow) {
                    String val = evalNow ? String.format("  validation %.3f%s", bitsVal, isBest ? " (best)" : "") : "";
                    log.accept(String.format("step %d/%d  train %.3f bits/char%s  %.0f s", step + 1, cfg.steps(), runningBits, val, secs));
                }
            }
        }
        if (best != null) restore(best);
    }

    private byte[] snapshot() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buf)) {
            lm.block().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    private void restore(byte[] params) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            lm.block().loadParameters(lm.model().getNDManager(), in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("cannot restore the best parameters", e);
        }
    }
}
