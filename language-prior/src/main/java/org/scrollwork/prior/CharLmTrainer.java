package org.scrollwork.prior;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.scrollwork.aunn.model.SplitMix64;

/**
 * The training loop of a {@link CharLm}: random windows (inputs optionally noised), cross-entropy on every position,
 * Adam or AdamW ({@link CharLmAdam}) on a cosine schedule over the run's steps, one sub-manager per step.
 *
 * <p>Deterministic per step: the windows, the input noise and (when the model has dropout) the engine's random seed
 * of step {@code s} are drawn from generators keyed by {@code (seed, s)}, so a run resumed from a checkpoint
 * ({@link CharLmCheckpointing}) continues exactly the run it was saved from.
 */
final class CharLmTrainer {

    static final int EVAL_EVERY = 250;

    /** Stream keys of the per-step generators. */
    private static final long WINDOWS = 1, NOISE = 2, DROPOUT = 3;

    private final CharLm lm;
    private final CharLmTraining cfg;
    private final Consumer<String> log;
    private final Consumer<CharLmProgress> progress;
    private final CharLmCheckpointing checkpointing;

    /** @param checkpointing where and how often to checkpoint, or null for none */
    CharLmTrainer(CharLm lm, CharLmTraining cfg, Consumer<String> log, Consumer<CharLmProgress> progress, CharLmCheckpointing checkpointing) {
        this.lm = lm;
        this.cfg = cfg;
        this.log = log;
        this.progress = progress;
        this.checkpointing = checkpointing;
    }

    /**
     * Trains on {@code texts}; if {@code validation} is not empty, measures its bits/char every
     * {@value #EVAL_EVERY} steps and at the end, and leaves the model with the parameters of the best measurement.
     * With checkpointing, resumes from the checkpoint file when there is one.
     *
     * @throws ModelFileException naming the checkpoint file if it is unreadable or belongs to another run
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
        int b = cfg.batchSize(), start = lm.config().startSymbol(), v = CharModel.ALPHABET_SIZE;
        boolean dropout = lm.config().dropout() > 0;
        Tracker schedule = Tracker.cosine().setBaseValue(cfg.learningRate())
                .optFinalValue(cfg.learningRate() * 0.05f).setMaxUpdates(cfg.steps()).build();
        String corpus = checkpointing == null ? null : CharLmCheckpoint.fingerprint(texts, validation);
        try (NDManager optimizerState = lm.model().getNDManager().newSubManager()) {
            CharLmAdam adam = new CharLmAdam(lm.block(), schedule, cfg.weightDecay(), optimizerState);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam);
            int first = 0;
            double runningBits = Double.NaN, bestVal = Double.MAX_VALUE, secondsBefore = 0;
            byte[] best = null;
            if (checkpointing != null && Files.exists(checkpointing.file())) {
                CharLmCheckpoint c = CharLmCheckpoint.read(checkpointing.file(), adam.names());
                check(c.header(), corpus);
                restore(c.parameters());
                // loaded arrays are new and do not require gradients, as freshly initialised ones do
                lm.block().getParameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
                adam.importState(c.optimizer());
                first = c.header().step();
                runningBits = c.header().trainBits() == null ? Double.NaN : c.header().trainBits();
                if (c.header().bestValidationBits() != null) {
                    bestVal = c.header().bestValidationBits();
                    best = c.bestParameters();
                }
                secondsBefore = c.header().seconds();
                log.accept(String.format("resuming from %s at step %d/%d", checkpointing.file(), first, cfg.steps()));
            }
            long t0 = System.nanoTime();
            try (Trainer trainer = lm.model().newTrainer(tc)) {
                for (int step = first; step < cfg.steps(); step++) {
                    int[] in = new int[b * w], target = new int[b * w];
                    SplitMix64 draw = SplitMix64.forKey(cfg.seed(), WINDOWS, step);
                    for (int i = 0; i < b; i++) {
                        long r = draw.nextLong(windows);
                        int k = 0;
                        while (cumulative[k] <= r) k++;
                        int[] s = usable.get(k);
                        int pos = (int) (r - (k == 0 ? 0 : cumulative[k - 1]));
                        in[i * w] = start;
                        System.arraycopy(s, pos, in, i * w + 1, w - 1);
                        System.arraycopy(s, pos, target, i * w, w);
                    }
                    if (cfg.inputNoise() > 0) {
                        SplitMix64 noise = SplitMix64.forKey(cfg.seed(), NOISE, step);
                        for (int j = 0; j < in.length; j++) if (j % w != 0 && noise.nextDouble() < cfg.inputNoise()) in[j] = (int) noise.nextLong(v);
                    }
                    if (dropout) Engine.getInstance().setRandomSeed((int) SplitMix64.forKey(cfg.seed(), DROPOUT, step).nextLong());
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
                    double secs = secondsBefore + (System.nanoTime() - t0) / 1e9;
                    if (checkpointing != null && ((step + 1) % checkpointing.every() == 0 || step + 1 == cfg.steps())) {
                        CharLmCheckpoint.Header h = new CharLmCheckpoint.Header(lm.config(), cfg, corpus, step + 1,
                                runningBits, best == null ? null : bestVal, secs);
                        new CharLmCheckpoint(h, snapshot(), adam.exportState(), best == null ? new byte[0] : best).write(checkpointing.file());
                    }
                    progress.accept(new CharLmProgress(step + 1, cfg.steps(), runningBits, bitsVal, isBest, secs));
                    if ((step + 1) % 100 == 0 || step + 1 == cfg.steps() || evalNow) {
                        String val = evalNow ? String.format("  validation %.3f%s", bitsVal, isBest ? " (best)" : "") : "";
                        log.accept(String.format("step %d/%d  train %.3f bits/char%s  %.0f s", step + 1, cfg.steps(), runningBits, val, secs));
                    }
                }
            }
            if (best != null) restore(best);
        }
    }

    /** Refuses a checkpoint of another run. */
    private void check(CharLmCheckpoint.Header h, String corpus) {
        String what = !h.config().equals(lm.config()) ? "model " + h.config() + ", this run " + lm.config()
                : !h.training().equals(cfg) ? "training " + h.training() + ", this run " + cfg
                : !h.corpus().equals(corpus) ? "another corpus (training and validation texts differ)"
                : h.step() > cfg.steps() ? "step " + h.step() + " beyond this run's " + cfg.steps() : null;
        if (what != null) throw new ModelFileException(checkpointing.file(), "checkpoint of another run: " + what + "; delete it to start afresh");
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
            throw new IllegalStateException("cannot restore saved parameters", e);
        }
    }
}
