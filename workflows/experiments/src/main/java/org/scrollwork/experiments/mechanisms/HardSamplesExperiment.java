package org.scrollwork.experiments.mechanisms;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.experiments.aunn.inverse.InverseMined;
import org.scrollwork.experiments.aunn.inverse.InverseQuery;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.IndexSchedule;
import org.scrollwork.aunn.train.LossPrioritized;
import org.scrollwork.aunn.train.UniformRandom;
import org.scrollwork.pipeline.eval.ImageQuality;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.pipeline.report.Plots;

/**
 * Hard samples and running the AUNN backwards. On a phantom crop with every second z slice held out,
 * three models train the same number of steps with the same config: uniform random batches; loss-prioritized
 * resampling ({@link LossPrioritized}); and batches whose hard part comes from inverse queries
 * ({@link InverseMined}: the indices whose prediction is closest to an uncertain, uniform byte distribution,
 * found by gradient descent on a relaxed index). Scored on the held-out slices: bits per byte and the PSNR
 * of the expected voxel value.
 */
public final class HardSamplesExperiment implements Experiment {

    @Override public String name() { return "hard-samples"; }

    @Override public String summary() {
        return "uniform vs loss-prioritized vs inverse-query-mined batches at equal steps: held-out bits/byte and PSNR";
    }

    @Override public ExperimentResult run(ExperimentConfig config, Path workDir, Progress progress) {
        int crop = config.intValue("crop", 48);
        int width = config.intValue("width", 128);
        int depth = config.intValue("depth", 3);
        int batch = config.intValue("batch", 256);
        int steps = config.intValue("steps", 600);
        double lr = config.doubleValue("lr", 2e-3);
        double fraction = config.doubleValue("hardFraction", 0.5);
        int poolBatches = config.intValue("lossPoolBatches", 16);
        int refreshEvery = config.intValue("inverseRefreshEvery", 50);
        int restarts = config.intValue("inverseRestarts", 32);
        int inverseSteps = config.intValue("inverseSteps", 60);
        double inverseLr = config.doubleValue("inverseLr", 0.1);
        int window = config.intValue("inverseWindow", 8);
        int evalEvery = config.intValue("evalEvery", Math.max(1, steps / 10));
        long seed = config.longValue("seed", 1);

        byte[] vol = MechanismData.phantomCrop(1, crop);
        int nx = crop, ny = crop;
        Role[] roles = new Role[vol.length];
        for (int i = 0; i < vol.length; i++) roles[i] = (i / (nx * ny)) % 2 == 1 ? Role.HELD_OUT : Role.TRAIN;
        InMemoryByteSource src = new InMemoryByteSource(LocalRuleExperiment.bitsFor(vol.length), 0, vol, roles);
        long[] held = Evaluator.indices(src, Role.HELD_OUT, 0, src.count(Role.HELD_OUT));
        long[] trainSample = OnlineLearningExperiment.spread(src, Role.TRAIN, 4096);
        double[] truth = new double[held.length];
        for (int i = 0; i < held.length; i++) truth[i] = src.byteAt(held[i]);
        double[] uniform = new double[256];
        Arrays.fill(uniform, 1.0 / 256);

        AunnConfig c = AunnConfig.defaults().withIndexBits(src.indexBits()).withShape(width, depth).withBatchSize(batch)
                .withOptim(lr, Math.min(50, steps / 10), steps, 0.0).withSeed(seed);
        ResultTable table = new ResultTable("Hard samples on a " + crop + "×" + crop + "×" + crop / 2 + " phantom crop, odd z slices held out, "
                + steps + " steps of " + batch, List.of("schedule", "held-out bits/byte", "held-out PSNR dB", "best held-out bits/byte", "at step", "train bits/byte", "train s"));
        List<Plots.Series> curves = new ArrayList<>();
        Map<String, Object> numbers = new LinkedHashMap<>();
        double[] heldBits = new double[3], psnr = new double[3];
        String[] names = {"uniform", "loss-prioritized (" + Math.round(100 * fraction) + "% of each batch)", "inverse-query mined (" + Math.round(100 * fraction) + "% of each batch)"};
        for (int v = 0; v < 3; v++) {
            progress.log("training with the " + names[v] + " schedule");
            try (AunnModel m = new AunnModel(c); AunnTrainer t = new AunnTrainer(m); Progress.Task task = progress.start("training with the " + names[v] + " schedule", steps)) {
                IndexSchedule s = switch (v) {
                    case 0 -> new UniformRandom(batch, seed);
                    case 1 -> new LossPrioritized(batch, fraction, poolBatches * batch, seed);
                    default -> new InverseMined(m, batch, fraction, refreshEvery, window, uniform,
                            new InverseQuery.Options(src.indexBits(), restarts, inverseSteps, inverseLr, seed), seed);
                };
                List<double[]> curve = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int done = 0; done < steps; ) {
                    int n = Math.min(evalEvery, steps - done);
                    t.train(src, s, n);
                    done += n;
                    curve.add(new double[] {done, Evaluator.bitsPerByte(m, src, held, 4096)});
                    task.advance(done, steps);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                heldBits[v] = curve.get(curve.size() - 1)[1];
                psnr[v] = ImageQuality.psnr(truth, Predictor.expectation(m, held, 4096), 255);
                double[] best = curve.stream().min(java.util.Comparator.comparingDouble(p -> p[1])).orElseThrow();
                table.row(names[v], heldBits[v], psnr[v], best[1], (int) best[0], Evaluator.bitsPerByte(m, src, trainSample, 4096), seconds);
                curves.add(new Plots.Series(names[v].replaceAll(" \\(.*", ""), curve.stream().mapToDouble(p -> p[0]).toArray(), curve.stream().mapToDouble(p -> p[1]).toArray()));
            }
        }
        numbers.put("uniformHeldOutBits", heldBits[0]);
        numbers.put("lossPrioritizedHeldOutBits", heldBits[1]);
        numbers.put("inverseMinedHeldOutBits", heldBits[2]);
        numbers.put("uniformPsnr", psnr[0]);
        numbers.put("lossPrioritizedPsnr", psnr[1]);
        numbers.put("inverseMinedPsnr", psnr[2]);
        String headline = String.format(Locale.ROOT, "Held-out bits/byte at equal steps: uniform %.3f, loss-prioritized %.3f (%s), inverse-query mined %.3f (%s); "
                        + "PSNR %.2f / %.2f / %.2f dB.", heldBits[0], heldBits[1], verdict(heldBits[1], heldBits[0]), heldBits[2], verdict(heldBits[2], heldBits[0]),
                psnr[0], psnr[1], psnr[2]);
        Map<String, java.awt.image.BufferedImage> plots = new LinkedHashMap<>();
        plots.put("held-out-curves", Plots.linePlot("held-out bits per byte during training", "step", "bits/byte", curves));
        return new ExperimentResult(headline, List.of(table), plots, numbers);
    }

    private static String verdict(double bits, double uniformBits) {
        return bits < uniformBits ? String.format(Locale.ROOT, "better than uniform by %.3f", uniformBits - bits)
                : String.format(Locale.ROOT, "worse than uniform by %.3f", bits - uniformBits);
    }
}
