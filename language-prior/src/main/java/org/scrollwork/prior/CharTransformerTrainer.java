package org.scrollwork.prior;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.scrollwork.aunn.model.SplitMix64;

/**
 * The training of a {@link CharTransformer} in the shared {@link CharTrainingLoop}: span-masked windows
 * ({@link MaskedWindows}), cross-entropy on the masked letters only, AdamW ({@link CharLmAdam}) with warm-up and cosine
 * decay, steps with non-finite gradients skipped ({@link NonFiniteStepSkipper}). Deterministic per step (windows, masks
 * and dropout are drawn from generators keyed by the step), so a run resumed from its checkpoint
 * ({@link CharLmCheckpointing}, file {@link CharTransformerCheckpoint}) ends as the uninterrupted run would.
 */
final class CharTransformerTrainer implements CharObjective {

    static final int EVAL_EVERY = 250;
    private static final int LOG_EVERY = 50;

    private static final long WINDOWS = 11, DROPOUT = 13;

    private final CharTransformer tf;
    private final CharTransformerTraining cfg;
    private final List<String> texts;
    private final MaskedWindows source;

    CharTransformerTrainer(CharTransformer tf, CharTransformerTraining cfg, List<String> texts) {
        this.tf = tf;
        this.cfg = cfg;
        this.texts = texts;
        this.source = new MaskedWindows(texts, tf.config());
    }

    /**
     * Trains; measures the validation texts (those a window long) every {@value #EVAL_EVERY} steps and at the end, and
     * leaves the model with the parameters of the best measurement. With {@code checkpointing} (null = none), resumes
     * from the checkpoint file when there is one.
     *
     * @throws ModelFileException naming the checkpoint file if it is unreadable or belongs to another run
     */
    void train(List<String> validation, Consumer<String> log, Consumer<CharLmProgress> progress, CharLmCheckpointing checkpointing) {
        Optional<RunCheckpoints<CharTransformerCheckpoint.Header>> checkpoints = Optional.ofNullable(checkpointing)
                .map(c -> new RunCheckpoints<>(c, CharTransformerCheckpoint.LAYOUT,
                        (corpus, step, bits, best, secs) -> new CharTransformerCheckpoint.Header(tf.config(), cfg, corpus, step, bits, best, secs),
                        CharLmCheckpoint.fingerprint(texts, validation)));
        new CharTrainingLoop(tf.model(), new TrainingSchedule(cfg.steps(), EVAL_EVERY, LOG_EVERY), this,
                new NonFiniteStepSkipper(tf.block(), log), new TrainingReport(log, progress, "bits/masked letter"))
                .run(cfg::learningRateAt, cfg.weightDecay(), checkpoints, validation);
    }

    /** Span-masked windows; the loss is the mean cross-entropy of the masked letters. */
    @Override
    public CharBatch batch(NDManager m, int step) {
        int w = tf.config().window(), v = CharModel.ALPHABET_SIZE;
        MaskedWindows.Batch b = source.draw(cfg.batchSize(), SplitMix64.forKey(cfg.seed(), WINDOWS, step));
        Engine.getInstance().setRandomSeed((int) SplitMix64.forKey(cfg.seed(), DROPOUT, step).nextLong());
        NDArray x = m.create(b.input(), new Shape(b.size(), w));
        NDArray keep = m.create(b.keep(), new Shape(b.size(), w));
        NDArray y = m.create(b.target(), new Shape(b.size(), w)).oneHot(v);
        NDArray weight = m.create(b.weight(), new Shape(b.size(), w));
        return new CharBatch(new NDList(x, keep),
                logits -> logits.logSoftmax(-1).mul(y).sum(new int[] {2}).mul(weight).sum().div(-(float) b.masked()));
    }

    @Override
    public boolean measures(List<String> validation) {
        return validation.stream().anyMatch(t -> t.length() >= tf.config().window());
    }

    @Override
    public double validationBits(List<String> validation) { return tf.heldOutBits(validation); }
}
