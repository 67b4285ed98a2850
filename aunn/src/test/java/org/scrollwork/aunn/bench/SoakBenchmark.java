package org.scrollwork.aunn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;

/**
 * Memory over a long run: trains the reference-shaped model (narrower, so many steps fit in
 * minutes) and prints the process's resident set size and the JVM heap after every block of steps.
 * A flat RSS column is the claim; a growing one is a leak of native (NDArray) memory.
 *
 * <pre>
 * bin/bench aunn org.scrollwork.aunn.bench.SoakBenchmark 20000 1000
 * </pre>
 * Arguments: total steps (default 20000), steps per row (default 1000).
 */
public final class SoakBenchmark {
    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        byte[] data = new byte[1 << 16];
        for (int i = 0; i < data.length; i++) data[i] = (byte) ((i * 31) ^ (i >> 7));
        InMemoryByteSource source = InMemoryByteSource.of(40, data);
        AunnConfig config = AunnConfig.defaults().withShape(128, 4).withBatchSize(256).withOptim(1e-3, 100, steps, 0.01);
        System.out.printf("| %8s | %8s | %10s | %10s | %12s |%n", "step", "seconds", "RSS MiB", "heap MiB", "loss bits");
        System.out.println("|---------:|---------:|-----------:|-----------:|-------------:|");
        long t0 = System.nanoTime();
        try (AunnModel model = new AunnModel(config); AunnTrainer trainer = new AunnTrainer(model)) {
            UniformRandom schedule = new UniformRandom(config.batchSize(), 1);
            for (int done = 0; done < steps; done += every) {
                double loss = trainer.train(source, schedule, every);
                Runtime rt = Runtime.getRuntime();
                System.out.printf("| %8d | %8.1f | %10.1f | %10.1f | %12.3f |%n", done + every, (System.nanoTime() - t0) / 1e9, rssMiB(),
                        (rt.totalMemory() - rt.freeMemory()) / 1048576.0, loss);
            }
        }
    }

    /** Resident set size of this process from /proc (Linux). */
    static double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
        }
        return Double.NaN;
    }
}
