package org.scrollwork.prior;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
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
import java.util.List;
import java.util.Optional;

/**
 * The training loop the character models share ({@link CharLmTrainer}, {@link CharTransformerTrainer}): their
 * {@link CharObjective}'s batches, AdamW ({@link CharLmAdam}) on a learning-rate schedule, one sub-manager per step;
 * validation measured on the {@link TrainingSchedule}'s steps, the best parameters kept and left in the model at the
 * end (early stopping); checkpoints written as the run goes and a run resumed from its checkpoint
 * ({@link RunCheckpoints}), ending as the uninterrupted run would as the objective draws every step's randomness from
 * the step's number.
 */
final class CharTrainingLoop {

    private final Model model;
    private final Block block;
    private final TrainingSchedule schedule;
    private final CharObjective objective;
    private final UpdateGuard guard;
    private final TrainingReport report;

    /** @param guard which steps update the parameters */
    CharTrainingLoop(Model model, TrainingSchedule schedule, CharObjective objective, UpdateGuard guard, TrainingReport report) {
        this.model = model;
        this.block = model.getBlock();
        this.schedule = schedule;
        this.objective = objective;
        this.guard = guard;
        this.report = report;
    }

    /**
     * Trains the model, learning rate {@code learningRate} of the update count and AdamW's weight decay
     * {@code weightDecay} (0: Adam), measuring {@code validation} if the objective measures anything there; with
     * {@code checkpoints}, resumes from the checkpoint file when there is one.
     *
     * @throws ModelFileException naming the checkpoint file if it is unreadable or belongs to another run
     */
    <H extends CharCheckpointHeader> void run(Tracker learningRate, float weightDecay, Optional<RunCheckpoints<H>> checkpoints,
                                              List<String> validation) {
        boolean validate = objective.measures(validation);
        try (NDManager optimizerState = model.getNDManager().newSubManager()) {
            CharLmAdam adam = new CharLmAdam(block, learningRate, weightDecay, optimizerState);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam);
            TrainingState state = TrainingState.fresh();
            Optional<CheckpointLayout.Contents<H>> saved = checkpoints.flatMap(c -> c.resume(adam.names(), schedule.steps()));
            if (saved.isPresent()) {
                state = resume(saved.get(), adam);
                report.resuming(checkpoints.get().file(), state.start(), schedule.steps());
            }
            long t0 = System.nanoTime();
            try (Trainer trainer = model.newTrainer(tc)) {
                for (int step = state.start(); step < schedule.steps(); step++) {
                    train(trainer, step, state);
                    int done = step + 1;
                    boolean measure = validate && schedule.evaluatesAfter(done);
                    double bitsVal = Double.NaN;
                    boolean isBest = false;
                    if (measure) {
                        bitsVal = objective.validationBits(validation);
                        isBest = state.measured(bitsVal, this::snapshot);
                    }
                    double secs = state.seconds((System.nanoTime() - t0) / 1e9);
                    if (checkpoints.isPresent() && schedule.checkpointsAfter(done, checkpoints.get().every())) {
                        checkpoints.get().write(done, state, secs, snapshot(), adam.exportState());
                    }
                    CharLmProgress p = new CharLmProgress(done, schedule.steps(), state.runningBits(), bitsVal, isBest, secs);
                    report.step(p, measure, schedule.logsAfter(done) || measure);
                }
            }
            if (state.bestParameters() != null) restore(state.bestParameters());
        }
    }

    /** Restores the model and the optimizer from {@code saved}: the state the run continues from. */
    private TrainingState resume(CheckpointLayout.Contents<? extends CharCheckpointHeader> saved, CharLmAdam adam) {
        restore(saved.parameters());
        // loaded arrays are new and do not require gradients, as freshly initialised ones do
        block.getParameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
        adam.importState(saved.optimizer());
        return TrainingState.resumed(saved.header(), saved.bestParameters());
    }

    /** One step: the objective's batch, its loss and gradients, and the update if the guard admits it. */
    private void train(Trainer trainer, int step, TrainingState state) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            CharBatch batch = objective.batch(m, step);
            float bits;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray loss = batch.loss().apply(trainer.forward(batch.input()).head());
                gc.backward(loss);
                bits = loss.getFloat() / (float) Math.log(2);
            }
            if (guard.admits(step, bits)) {
                trainer.step();
                state.trained(bits);
            }
        }
    }

    private byte[] snapshot() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buf)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    private void restore(byte[] params) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            block.loadParameters(model.getNDManager(), in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("cannot restore saved parameters", e);
        }
    }
}
