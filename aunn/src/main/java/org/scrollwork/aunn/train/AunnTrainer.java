package org.scrollwork.aunn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.scrollwork.aunn.data.IndexedByteSource;
import java.util.List;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.GeometryEmbedding;
import org.scrollwork.aunn.model.SplitMix64;

/**
 * Trains an {@link AunnModel} with {@link AdamW}, the {@link LearningRate} schedule of its config
 * and global gradient clipping. Each step runs in its own {@code NDManager.newSubManager()},
 * closed at the end of the step, so memory stays flat over any number of steps.
 *
 * <p>Deterministic: schedules are counter-based in {@code (seed, step)}, and dropout's engine RNG
 * is reseeded from {@code (seed, step)} before every step, so a run resumed at step {@code s}
 * from a snapshot (the snapshot package's Snapshot) continues exactly as the uninterrupted run would.
 * The trainer owns the optimizer but not the model.
 */
public final class AunnTrainer implements AutoCloseable {
    private static final double LN2 = Math.log(2);

    private final AunnModel model;
    private final AdamW optimizer;
    private final LearningRate schedule;
    private final NDManager root;
    private long step;

    public AunnTrainer(AunnModel model) {
        this.model = model;
        this.optimizer = new AdamW(model);
        this.root = NDManager.newBaseManager(model.device());
        this.schedule = new LearningRate(model.config().lr(), model.config().warmupSteps(), model.config().totalSteps());
    }

    public AunnModel model() { return model; }

    public AdamW optimizer() { return optimizer; }

    /** Steps taken so far (the next step's number). */
    public long step() { return step; }

    /** The learning rate the next scheduled step uses. */
    public double currentLr() { return schedule.at(step); }

    /** Result of one step: mean loss and per-example losses, in bits, before the update. */
    public record StepResult(double meanBits, float[] bits, double gradNorm) {}

    /** One step at the scheduled learning rate. */
    public StepResult step(long[] indices, int[] bytes) {
        return step(indices, bytes, schedule.at(step));
    }

    /**
     * One AdamW step on the cross-entropy of {@code bytes[i]} at {@code indices[i]}, at an explicit
     * learning rate (conditioning, dynamic evaluation).
     */
    public StepResult step(long[] indices, int[] bytes, double lr) {
        return step(indices, Targets.hard(bytes), lr);
    }

    /**
     * One AdamW step towards general {@link Targets} (hard or soft bytes, optional embeddings).
     * Per-example losses in the result are the byte losses in bits (cross-entropy against the
     * soft distribution for soft targets).
     *
     * @throws IllegalArgumentException if the sizes disagree, or embeddings are given to a model
     *     without an embedding head
     */
    public StepResult step(long[] indices, Targets targets, double lr) {
        if (indices.length != targets.size() || indices.length == 0) throw new IllegalArgumentException("need one target per index and at least one index");
        int e = model.config().embeddingDim();
        if (targets.embeddings() != null && (e == 0 || targets.embeddings().length != indices.length * e)) {
            throw new IllegalArgumentException("embedding targets need an embedding head and n * " + e + " values");
        }
        if (model.config().dropout() > 0 || model.config().body().expertDropout() > 0) Engine.getInstance().setRandomSeed((int) SplitMix64.forKey(model.config().seed(), 3, step).nextLong());
        try (NDManager sm = root.newSubManager()) {
            float[] perExample;
            List<GeometryEmbedding.TouchedRows> touched;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                GeometryEmbedding.TrainingInputs in = model.trainingInputs(sm, indices, SplitMix64.forKey(model.config().seed(), 5, step).nextLong());
                touched = in.touched();
                AunnModel.Output out = model.forward(sm, in.inputs(), true);
                NDArray logits = in.pool(out.logits()), embedding = out.embedding() == null ? null : in.pool(out.embedding());
                NDArray nll = targets.bytes() != null ? crossEntropy(sm, logits, targets.bytes()) : softCrossEntropy(sm, logits, targets.soft());
                NDArray loss = nll.mean();
                if (embedding != null) {
                    if (targets.embeddings() != null && targets.embeddingWeight() > 0) {
                        NDArray tgt = sm.create(targets.embeddings(), new Shape(indices.length, e)).toDevice(embedding.getDevice(), false);
                        tgt.attach(sm);
                        loss = loss.add(embedding.sub(tgt).square().mean().mul((float) targets.embeddingWeight()));
                    } else {
                        loss = loss.add(embedding.sum().mul(0f)); // defined (zero) gradients for the unused head
                    }
                }
                gc.backward(loss);
                perExample = nll.toFloatArray();
            }
            double norm = optimizer.update(sm, lr, touched);
            step++;
            double sum = 0;
            for (int i = 0; i < perExample.length; i++) {
                perExample[i] = (float) (perExample[i] / LN2);
                sum += perExample[i];
            }
            return new StepResult(sum / perExample.length, perExample, norm);
        }
    }

    private static NDArray softCrossEntropy(NDManager sm, NDArray logits, float[] soft) {
        int n = soft.length / 256;
        NDArray p = sm.create(soft, new Shape(n, 256)).toDevice(logits.getDevice(), false);
        p.attach(sm);
        return logits.toType(DataType.FLOAT32, false).logSoftmax(1).mul(p).sum(new int[] {1}).neg();
    }

    /**
     * Trains {@code steps} steps on batches drawn by {@code schedule} from {@code source}.
     *
     * @return the mean loss (bits) of the last step
     */
    public double train(IndexedByteSource source, IndexSchedule schedule, int steps) {
        double last = Double.NaN;
        for (int i = 0; i < steps; i++) {
            long[] idx = schedule.next(source, step);
            int[] bytes = new int[idx.length];
            source.bytesAt(idx, bytes);
            StepResult r = step(idx, bytes);
            schedule.observe(idx, r.bits());
            last = r.meanBits();
        }
        return last;
    }

    /** Per-example negative log-likelihood in nats, shape {@code [batch]}. */
    static NDArray crossEntropy(NDManager sm, NDArray logits, int[] bytes) {
        long[] labels = new long[bytes.length];
        for (int i = 0; i < bytes.length; i++) labels[i] = bytes[i];
        NDArray lab = sm.create(labels, new Shape(bytes.length, 1)).toDevice(logits.getDevice(), false);
        lab.attach(sm);
        return logits.toType(DataType.FLOAT32, false).logSoftmax(1).gather(lab, 1).reshape(bytes.length).neg();
    }

    /** Restores the step counter (used by snapshots together with the optimizer state). */
    public void setStep(long s) {
        if (s < 0) throw new IllegalArgumentException("step must be >= 0: " + s);
        this.step = s;
    }

    /** Arrays currently alive under the trainer's step manager (0 between steps: memory is flat). */
    public int liveStepArrays() { return root.getManagedArrays().size(); }

    @Override public void close() {
        root.close();
        optimizer.close();
    }
}
