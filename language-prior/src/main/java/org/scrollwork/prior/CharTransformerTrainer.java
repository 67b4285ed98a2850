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
import java.util.List;
import java.util.function.Consumer;
import org.scrollwork.aunn.model.SplitMix64;

/**
 * The training loop of a {@link CharTransformer}: span-masked windows ({@link MaskedWindows}), cross-entropy on the
 * masked letters only, AdamW ({@link CharLmAdam}) with warm-up and cosine decay, one sub-manager per step.
 * Deterministic per step (windows, masks and dropout are drawn from generators keyed by the step), so a run resumed
 * from its checkpoint ({@link CharLmCheckpointing}, file {@link CharTransformerCheckpoint}) ends as the uninterrupted
 * run would.
 */
final class CharTransformerTrainer {

    static final int EVAL_EVERY = 250;

    private static final long WINDOWS = 11, DROPOUT = 13;

    private final CharTransformer tf;
    private final CharTransformerTraining cfg;
    private final Consumer<String> log;
    private final Consumer<CharLmProgress> progress;
    private final CharLmCheckpointing checkpointing;

    CharTransformerTrainer(CharTransformer tf, CharTransformerTraining cfg, Consumer<String> log, Consumer<CharLmProgress> progress,
                           CharLmCheckpointing checkpointing) {
        this.tf = tf;
        this.cfg = cfg;
        this.log = log;
        this.progress = progress;
        this.checkpointing = checkpointing;
    }

    void train(List<String> texts, List<String> validation) {
        MaskedWindows source = new MaskedWindows(texts, tf.config());
        boolean validate = validation.stream().anyMatch(t -> t.length() >= tf.config().window());
        int w = tf.config().window(), v = CharModel.ALPHABET_SIZE;
        Tracker schedule = cfg::learningRateAt;
        String corpus = checkpointing == null ? null : CharLmCheckpoint.fingerprint(texts, validation);
        try (NDManager optimizerState = tf.model().getNDManager().newSubManager()) {
            CharLmAdam adam = new CharLmAdam(tf.block(), schedule, cfg.weightDecay(), optimizerState);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam);
            int first = 0;
            double runningBits = Double.NaN, bestVal = Double.MAX_VALUE, secondsBefore = 0;
            byte[] best = null;
            if (checkpointing != null && Files.exists(checkpointing.file())) {
                CharTransformerCheckpoint c = CharTransformerCheckpoint.read(checkpointing.file(), adam.names());
                check(c.header(), corpus);
                restore(c.parameters());
                tf.block().getParameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
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
            int skipped = 0;
            try (Trainer trainer = tf.model().newTrainer(tc)) {
                for (int step = first; step < cfg.steps(); step++) {
                    MaskedWindows.Batch b = source.draw(cfg.batchSize(), SplitMix64.forKey(cfg.seed(), WINDOWS, step));
                    Engine.getInstance().setRandomSeed((int) SplitMix64.forKey(cfg.seed(), DROPOUT, step).nextLong());
                    try (NDManager m = tf.model().getNDManager().newSubManager()) {
                        NDArray x = m.create(b.input(), new Shape(b.size(), w));
                        NDArray keep = m.create(b.keep(), new Shape(b.size(), w));
                        NDArray y = m.create(b.target(), new Shape(b.size(), w)).oneHot(v);
                        NDArray weight = m.create(b.weight(), new Shape(b.size(), w));
                        float bits;
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(new NDList(x, keep)).head();
                            NDArray loss = logits.logSoftmax(-1).mul(y).sum(new int[] {2}).mul(weight).sum().div(-(float) b.masked());
                            gc.backward(loss);
                            bits = loss.getFloat() / (float) Math.log(2);
                        }
                        if (Float.isFinite(bits) && gradientsFinite()) {
                            trainer.step();
                            runningBits = Double.isNaN(runningBits) ? bits : 0.98 * runningBits + 0.02 * bits;
                        } else {
                            // rare (in the default run about one step in 250): the embeddings' gradients came back NaN
                            // with a finite loss; the step is skipped, as mixed-precision training skips overflowing ones
                            skipped++;
                            zeroGradients();
                            log.accept(String.format("step %d: loss %.3f, gradients not finite: step skipped (%d so far)", step + 1, bits, skipped));
                        }
                    }
                    boolean evalNow = validate && ((step + 1) % EVAL_EVERY == 0 || step + 1 == cfg.steps());
                    double bitsVal = Double.NaN;
                    boolean isBest = false;
                    if (evalNow) {
                        bitsVal = tf.heldOutBits(validation);
                        if (bitsVal < bestVal) {
                            bestVal = bitsVal;
                            best = snapshot();
                            isBest = true;
                        }
                    }
                    double secs = secondsBefore + (System.nanoTime() - t0) / 1e9;
                    if (checkpointing != null && ((step + 1) % checkpointing.every() == 0 || step + 1 == cfg.steps())) {
                        CharTransformerCheckpoint.Header h = new CharTransformerCheckpoint.Header(tf.config(), cfg, corpus, step + 1,
                                runningBits, best == null ? null : bestVal, secs);
                        new CharTransformerCheckpoint(h, snapshot(), adam.exportState(), best == null ? new byte[0] : best).write(checkpointing.file());
                    }
                    progress.accept(new CharLmProgress(step + 1, cfg.steps(), runningBits, bitsVal, isBest, secs));
                    if ((step + 1) % 50 == 0 || step + 1 == cfg.steps() || evalNow) {
                        String val = evalNow ? String.format("  validation %.3f%s", bitsVal, isBest ? " (best)" : "") : "";
                        log.accept(String.format("step %d/%d  train %.3f bits/masked letter%s  %.0f s", step + 1, cfg.steps(), runningBits, val, secs));
                    }
                }
            }
            if (best != null) restore(best);
        }
    }

    /** Sets every gradient to 0 (DJL's zeroGradients subtracts a gradient from itself, which leaves NaN as NaN). */
    private void zeroGradients() {
        for (var p : tf.block().getParameters()) {
            NDArray g = p.getValue().getArray().getGradient();
            g.set(java.nio.FloatBuffer.wrap(new float[(int) g.size()]));
        }
    }

    private boolean gradientsFinite() {
        for (var p : tf.block().getParameters()) {
            NDArray g = p.getValue().getArray().getGradient();
            if (g.isNaN().any().getBoolean() || g.isInfinite().any().getBoolean()) return false;
        }
        return true;
    }

    private void check(CharTransformerCheckpoint.Header h, String corpus) {
        String what = !h.config().equals(tf.config()) ? "model " + h.config() + ", this run " + tf.config()
                : !h.training().equals(cfg) ? "training " + h.training() + ", this run " + cfg
                : !h.corpus().equals(corpus) ? "another corpus (training and validation texts differ)"
                : h.step() > cfg.steps() ? "step " + h.step() + " beyond this run's " + cfg.steps() : null;
        if (what != null) throw new ModelFileException(checkpointing.file(), "checkpoint of another run: " + what + "; delete it to start afresh");
    }

    private byte[] snapshot() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buf)) {
            tf.block().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    private void restore(byte[] params) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            tf.block().loadParameters(tf.model().getNDManager(), in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("cannot restore saved parameters", e);
        }
    }
}
