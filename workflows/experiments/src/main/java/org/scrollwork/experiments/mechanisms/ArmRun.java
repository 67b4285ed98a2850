package org.scrollwork.experiments.mechanisms;

import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;
import org.scrollwork.pipeline.Progress;

import java.util.ArrayList;
import java.util.List;

/**
 * One arm of a comparison: trains a model with uniform random batches for a number of steps, scoring held-out
 * bits per byte at regular steps (step 0 included). Training and evaluation are timed apart, so samples per second
 * count training only.
 *
 * @param steps         the evaluation steps
 * @param heldOutBits   held-out bits per byte at each of them
 * @param trainSeconds  wall seconds spent in training steps
 * @param samples       training samples seen (steps * batch)
 */
public record ArmRun(long[] steps, double[] heldOutBits, double trainSeconds, long samples) {

    /** Training samples per second of wall time. */
    public double samplesPerSecond() {
        return samples / trainSeconds;
    }

    /** The held-out bits per byte at the last evaluation. */
    public double finalBits() {
        return heldOutBits[heldOutBits.length - 1];
    }

    /** Trains {@code model} in place, logging {@code phase} and reporting every evaluation as a task of that name. */
    public static ArmRun train(AunnModel model, IndexedByteSource source, int steps, int evalEvery, long[] heldOut, Progress progress, String phase) {
        progress.log(phase);
        List<Long> at = new ArrayList<>();
        List<Double> bits = new ArrayList<>();
        at.add(0L);
        bits.add(Evaluator.bitsPerByte(model, source, heldOut, 4096));
        double seconds = 0;
        int batch = model.config().batchSize();
        try (AunnTrainer trainer = new AunnTrainer(model); Progress.Task task = progress.start(phase, steps)) {
            UniformRandom schedule = new UniformRandom(batch, model.config().seed());
            while (trainer.step() < steps) {
                int n = (int) Math.min(evalEvery, steps - trainer.step());
                long t0 = System.nanoTime();
                trainer.train(source, schedule, n);
                seconds += (System.nanoTime() - t0) / 1e9;
                at.add(trainer.step());
                bits.add(Evaluator.bitsPerByte(model, source, heldOut, 4096));
                task.advance(trainer.step(), steps);
            }
        }
        return new ArmRun(at.stream().mapToLong(Long::longValue).toArray(), bits.stream().mapToDouble(Double::doubleValue).toArray(),
                seconds, (long) steps * batch);
    }

    /** The steps as doubles, for plots. */
    public double[] stepsAsDoubles() {
        double[] x = new double[steps.length];
        for (int i = 0; i < x.length; i++) x[i] = steps[i];
        return x;
    }
}
