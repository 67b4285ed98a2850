package org.scrollwork.experiments.mechanisms;

import java.util.List;
import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;

/**
 * Speeds of several models measured side by side: rounds that time each model in turn (training steps on a copy, so
 * the models are not changed, and forward passes), keeping each model's best round. Interleaving makes the ratios
 * fair on a machine whose load changes while it runs.
 */
public final class Throughput {
    private Throughput() {}

    /** Training samples per second and forward-only indices per second of each model, in order. */
    public record Speeds(double[] trainSamplesPerSecond, double[] inferencePerSecond) {}

    public static Speeds measure(List<AunnModel> models, IndexedByteSource source, long[] probe, int rounds, int stepsPerRound) {
        int n = models.size();
        double[] train = new double[n], infer = new double[n];
        for (int round = 0; round <= rounds; round++) { // round 0 warms up
            for (int i = 0; i < n; i++) {
                AunnModel m = models.get(i);
                int batch = m.config().batchSize();
                try (AunnModel copy = m.copy(); AunnTrainer t = new AunnTrainer(copy)) {
                    UniformRandom schedule = new UniformRandom(batch, m.config().seed() + round);
                    long t0 = System.nanoTime();
                    t.train(source, schedule, stepsPerRound);
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (round > 0) train[i] = Math.max(train[i], (double) batch * stepsPerRound / s);
                }
                long t0 = System.nanoTime();
                Predictor.logits(m, probe, 4096);
                double s = (System.nanoTime() - t0) / 1e9;
                if (round > 0) infer[i] = Math.max(infer[i], probe.length / s);
            }
        }
        return new Speeds(train, infer);
    }
}
