package org.scrollwork.prior;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.scrollwork.aunn.model.SplitMix64;

/**
 * The training of a {@link CharLm} in the shared {@link CharTrainingLoop}: random windows (inputs optionally noised),
 * cross-entropy on every position, Adam or AdamW ({@link CharLmAdam}) on a cosine schedule over the run's steps.
 *
 * <p>Deterministic per step: the windows, the input noise and (when the model has dropout) the engine's random seed
 * of step {@code s} are drawn from generators keyed by {@code (seed, s)}, so a run resumed from a checkpoint
 * ({@link CharLmCheckpointing}) continues exactly the run it was saved from.
 */
final class CharLmTrainer implements CharObjective {

    static final int EVAL_EVERY = 250;
    private static final int LOG_EVERY = 100;

    /** Stream keys of the per-step generators. */
    private static final long WINDOWS = 1, NOISE = 2, DROPOUT = 3;

    private final CharLm lm;
    private final CharLmTraining cfg;
    private final List<String> texts;
    /** The encoded texts at least a window long, and the number of windows in them and all before them. */
    private final List<int[]> usable = new ArrayList<>();
    private final long[] cumulative;
    private final long windows;

    /** @throws IllegalArgumentException if no text is as long as a training window */
    CharLmTrainer(CharLm lm, CharLmTraining cfg, List<String> texts) {
        this.lm = lm;
        this.cfg = cfg;
        this.texts = texts;
        int w = cfg.windowLength();
        cumulative = new long[texts.size()];
        long n = 0;
        for (String t : texts) {
            if (t.length() < w) continue;
            usable.add(CharModel.encode(t));
            n += t.length() - w + 1;
            cumulative[usable.size() - 1] = n;
        }
        if (usable.isEmpty()) throw new IllegalArgumentException("no training text has " + w + " letters");
        windows = n;
    }

    /**
     * Trains; if {@code validation} is not empty, measures its bits/char every {@value #EVAL_EVERY} steps and at the
     * end, and leaves the model with the parameters of the best measurement. With {@code checkpointing} (null = none),
     * resumes from the checkpoint file when there is one.
     *
     * @throws ModelFileException naming the checkpoint file if it is unreadable or belongs to another run
     */
    void train(List<String> validation, Consumer<String> log, Consumer<CharLmProgress> progress, CharLmCheckpointing checkpointing) {
        Tracker schedule = Tracker.cosine().setBaseValue(cfg.learningRate())
                .optFinalValue(cfg.learningRate() * 0.05f).setMaxUpdates(cfg.steps()).build();
        Optional<RunCheckpoints<CharLmCheckpoint.Header>> checkpoints = Optional.ofNullable(checkpointing)
                .map(c -> new RunCheckpoints<>(c, CharLmCheckpoint.LAYOUT,
                        (corpus, step, bits, best, secs) -> new CharLmCheckpoint.Header(lm.config(), cfg, corpus, step, bits, best, secs),
                        CharLmCheckpoint.fingerprint(texts, validation)));
        new CharTrainingLoop(lm.model(), new TrainingSchedule(cfg.steps(), EVAL_EVERY, LOG_EVERY), this, UpdateGuard.ALWAYS,
                new TrainingReport(log, progress, "bits/char"))
                .run(schedule, cfg.weightDecay(), checkpoints, validation);
    }

    /** Windows at seeded random places, each input the start symbol and the window less its last letter. */
    @Override
    public CharBatch batch(NDManager m, int step) {
        int b = cfg.batchSize(), w = cfg.windowLength(), start = lm.config().startSymbol(), v = CharModel.ALPHABET_SIZE;
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
        if (lm.config().dropout() > 0) Engine.getInstance().setRandomSeed((int) SplitMix64.forKey(cfg.seed(), DROPOUT, step).nextLong());
        NDArray x = m.create(in, new Shape(b, w));
        NDArray y = m.create(target, new Shape(b, w)).oneHot(v);
        return new CharBatch(new NDList(x), logits -> logits.logSoftmax(-1).mul(y).sum().div(-(float) (b * w)));
    }

    @Override
    public boolean measures(List<String> validation) { return !validation.isEmpty(); }

    @Override
    public double validationBits(List<String> validation) { return lm.bitsPerChar(validation); }
}
