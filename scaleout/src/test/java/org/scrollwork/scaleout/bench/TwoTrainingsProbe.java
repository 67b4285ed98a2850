package org.scrollwork.scaleout.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;
import org.scrollwork.scaleout.TrainingSlot;

/**
 * Why {@link TrainingSlot} exists: two trainings in two threads of one JVM (what Spark's local[N] tasks are), first
 * without the slot, then with it. {@code bin/bench scaleout org.scrollwork.scaleout.bench.TwoTrainingsProbe}
 */
public final class TwoTrainingsProbe {
    public static void main(String[] args) throws Exception {
        byte[] data = new byte[1 << 14];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31 + i / 5);
        InMemoryByteSource source = InMemoryByteSource.of(16, data);
        for (boolean slot : new boolean[] {false, true}) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Double>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int seed = t + 1;
                runs.add(pool.submit(() -> slot ? TrainingSlot.call(() -> train(source, seed)) : train(source, seed)));
            }
            for (Future<Double> f : runs) {
                try {
                    System.out.printf("%s: training ended at %.4f bits%n", slot ? "with the slot" : "without the slot", f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    System.out.printf("%s: training failed: %s%n", slot ? "with the slot" : "without the slot", e.getCause());
                }
            }
            pool.shutdown();
        }
    }

    private static double train(InMemoryByteSource source, int seed) {
        AunnConfig c = AunnConfig.defaults().withIndexBits(16).withShape(64, 2).withBatchSize(256).withOptim(1e-3, 5, 200, 0.0).withSeed(seed);
        try (AunnModel m = new AunnModel(c); AunnTrainer t = new AunnTrainer(m)) {
            return t.train(source, new UniformRandom(256, seed), 200);
        }
    }
}
