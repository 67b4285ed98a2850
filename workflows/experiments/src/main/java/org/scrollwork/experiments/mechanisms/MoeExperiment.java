package org.scrollwork.experiments.mechanisms;

import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.BodySpec;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.pipeline.SliceReconstruction;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.PhantomRegions;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.pipeline.report.Plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sparse capacity: the sigma-MoE body ({@link BodySpec}) against the dense MLP, parameter-equal
 * ({@code experts * expertWidth = width}), same data, seed, batches and steps. Data: a central crop of phantom scroll 1's
 * fine scan, odd z slices held out. Reports held-out bits per byte at equal steps, training samples per second and
 * inference (forward-only) indices per second, measured side by side in this run ({@link Throughput}), and the speed
 * ratios against dense.
 */
public final class MoeExperiment implements Experiment {
    @Override public String name() {
        return "moe";
    }

    @Override public String summary() {
        return "sigma-MoE body (top-k routed experts) vs a parameter-equal dense MLP: held-out bits/byte at equal steps, samples/s";
    }

    @Override public ExperimentResult run(ExperimentConfig config, Path workDir, Progress progress) throws IOException {
        int crop = config.intValue("crop", 32);
        int width = config.intValue("width", 64);
        int depth = config.intValue("depth", 3);
        int batch = config.intValue("batch", 256);
        int steps = config.intValue("steps", 200);
        int evalEvery = config.intValue("evalEvery", 50);
        int evalSamples = config.intValue("evalSamples", 4096);
        int experts = config.intValue("experts", 8);
        List<Double> ks = config.doubleList("topK", List.of(2.0));
        double expertDropout = config.doubleValue("expertDropout", 0.0);
        double lr = config.doubleValue("lr", 2e-3);
        long seed = config.longValue("seed", 1);
        int rounds = config.intValue("timingRounds", 3);
        int stepsPerRound = config.intValue("timingSteps", 10);
        int g = Math.max(1, width / experts);

        progress.log("phantom crop and corpus");
        try (Corpus corpus = Corpus.create(WorkDirs.fresh(workDir.resolve("corpus")), new CorpusOptions(24))) {
            CorpusRecord rec = corpus.appendVolume(PhantomRegions.central(1, null, crop));
            SliceReconstruction.holdOutOddSlices(corpus, rec.id());
            long[] heldOut = TrainingRun.spread(corpus, Role.HELD_OUT, evalSamples);
            AunnConfig dense = AunnConfig.defaults().withIndexBits(corpus.indexBits()).withShape(width, depth).withBatchSize(batch)
                    .withOptim(lr, Math.min(50, steps / 10), steps, 0.0).withSeed(seed);
            List<String> names = new ArrayList<>();
            List<AunnConfig> arms = new ArrayList<>();
            names.add("dense MLP (hidden " + width + ")");
            arms.add(dense);
            for (double kd : ks) {
                int k = (int) kd;
                names.add(String.format(Locale.ROOT, "sigma-MoE %d experts x %d, top-%d%s", experts, g, k,
                        expertDropout > 0 ? ", expert dropout " + expertDropout : ""));
                arms.add(dense.withBody(BodySpec.moe(experts, k, g, expertDropout)));
            }
            ResultTable table = new ResultTable(String.format(Locale.ROOT,
                    "sigma-MoE vs dense MLP, parameter-equal: %d×%d×%d phantom crop, odd z slices held out, width %d, depth %d, batch %d, %d steps",
                    crop, crop, Math.max(1, crop / 2), width, depth, batch, steps),
                    List.of("body", "parameters", "feed-forward MACs / index", "held-out bits/byte", "train samples/s", "train speed vs dense",
                            "inference indices/s", "inference speed vs dense"));
            List<Plots.Series> curves = new ArrayList<>();
            Map<String, Object> numbers = new LinkedHashMap<>();
            List<AunnModel> models = new ArrayList<>();
            List<ArmRun> runs = new ArrayList<>();
            try {
                for (int i = 0; i < arms.size(); i++) {
                    AunnModel model = new AunnModel(arms.get(i));
                    models.add(model);
                    runs.add(ArmRun.train(model, corpus, steps, evalEvery, heldOut, progress, "training " + names.get(i)));
                }
                progress.log("timing the arms side by side");
                Throughput.Speeds speeds = Throughput.measure(models, corpus, java.util.Arrays.copyOf(heldOut, Math.min(heldOut.length, 4096)), rounds, stepsPerRound);
                for (int i = 0; i < arms.size(); i++) {
                    AunnConfig c = arms.get(i);
                    ArmRun run = runs.get(i);
                    long macs = c.body().isMoe() ? (long) depth * (2L * c.body().topK() * g * width + (long) experts * width) : (long) depth * 2L * width * width;
                    double tr = speeds.trainSamplesPerSecond()[i], inf = speeds.inferencePerSecond()[i];
                    table.row(names.get(i), models.get(i).parameterCount(), macs, run.finalBits(), tr, tr / speeds.trainSamplesPerSecond()[0],
                            inf, inf / speeds.inferencePerSecond()[0]);
                    curves.add(new Plots.Series(names.get(i), run.stepsAsDoubles(), run.heldOutBits()));
                    numbers.put("bits_" + i, run.finalBits());
                    numbers.put("trainSpeedRatio_" + i, tr / speeds.trainSamplesPerSecond()[0]);
                }
            } finally {
                models.forEach(AunnModel::close);
            }
            double denseBits = runs.get(0).finalBits();
            double bestMoe = Double.POSITIVE_INFINITY;
            for (int i = 1; i < arms.size(); i++) bestMoe = Math.min(bestMoe, (double) numbers.get("bits_" + i));
            String headline = String.format(Locale.ROOT,
                    "At %d equal steps the best parameter-equal sigma-MoE ends at %.3f held-out bits/byte against the dense MLP's %.3f (%s); "
                            + "it trains at %sx the dense MLP's samples/s on this CPU (measured side by side).",
                    steps, bestMoe, denseBits, bestMoe < denseBits ? "MoE better by " + fmt(denseBits - bestMoe) : "MoE does not help: worse by " + fmt(bestMoe - denseBits),
                    ratioRange(minRatio(numbers, arms.size()), maxRatio(numbers, arms.size())));
            return new ExperimentResult(headline, List.of(table),
                    Map.of("moe-curves", Plots.linePlot("held-out bits/byte vs step", "step", "bits/byte", curves)), numbers);
        }
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.3f bits/byte", d);
    }

    private static String ratioRange(double lo, double hi) {
        String a = String.format(Locale.ROOT, "%.2f", lo), b = String.format(Locale.ROOT, "%.2f", hi);
        return a.equals(b) ? a : a + "-" + b;
    }

    private static double minRatio(Map<String, Object> n, int arms) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 1; i < arms; i++) m = Math.min(m, (double) n.get("trainSpeedRatio_" + i));
        return m;
    }

    private static double maxRatio(Map<String, Object> n, int arms) {
        double m = 0;
        for (int i = 1; i < arms; i++) m = Math.max(m, (double) n.get("trainSpeedRatio_" + i));
        return m;
    }

}
