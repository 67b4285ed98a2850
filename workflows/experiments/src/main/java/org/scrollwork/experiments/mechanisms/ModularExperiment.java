package org.scrollwork.experiments.mechanisms;

import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.ParamSpec;
import org.scrollwork.experiments.aunn.modular.Grouping;
import org.scrollwork.experiments.aunn.modular.ModularAunn;
import org.scrollwork.aunn.train.UniformRandom;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Modular AUNNs ({@link ModularAunn}): two phantom scrolls (seeds 1 and 2, different texts) in one corpus, odd z slices
 * of both held out. A DAG of one shared module plus one module per scroll, with and without the consistency loss
 * between their overlapping predictions, against one AUNN whose width makes its parameter count closest to the
 * modules' total. Same steps, batch, learning rate and data for all; held-out bits per byte per scroll and overall,
 * and training wall time.
 */
public final class ModularExperiment implements Experiment {
    static final String TEXT_B = "Μῆνιν ἄειδε θεὰ Πηληϊάδεω Ἀχιλῆος οὐλομένην, ἣ μυρί᾽ Ἀχαιοῖς ἄλγε᾽ ἔθηκε, πολλὰς δ᾽ ἰφθίμους ψυχὰς "
            + "Ἄϊδι προΐαψεν ἡρώων, αὐτοὺς δὲ ἑλώρια τεῦχε κύνεσσιν οἰωνοῖσί τε πᾶσι, Διὸς δ᾽ ἐτελείετο βουλή, ἐξ οὗ δὴ τὰ πρῶτα "
            + "διαστήτην ἐρίσαντε Ἀτρεΐδης τε ἄναξ ἀνδρῶν καὶ δῖος Ἀχιλλεύς.";

    @Override public String name() {
        return "modular";
    }

    @Override public String summary() {
        return "DAG of AUNNs (one per scroll + one shared, consistency loss) vs one AUNN of the same size on two phantom scrolls";
    }

    @Override public ExperimentResult run(ExperimentConfig config, Path workDir, Progress progress) throws IOException {
        int crop = config.intValue("crop", 32);
        int moduleWidth = config.intValue("moduleWidth", 48);
        int depth = config.intValue("depth", 3);
        int batch = config.intValue("batch", 256);
        int steps = config.intValue("steps", 200);
        int evalEvery = config.intValue("evalEvery", 50);
        int evalSamples = config.intValue("evalSamples", 4096);
        double lr = config.doubleValue("lr", 2e-3);
        List<Double> weights = config.doubleList("consistency", List.of(0.0, 0.5));
        long seed = config.longValue("seed", 1);

        progress.log("two phantom scrolls in one corpus");
        try (Corpus corpus = Corpus.create(WorkDirs.fresh(workDir.resolve("corpus")), new CorpusOptions(24))) {
            CorpusRecord a = corpus.appendVolume(PhantomRegions.central(1, null, crop));
            CorpusRecord b = corpus.appendVolume(PhantomRegions.central(2, TEXT_B, crop));
            SliceReconstruction.holdOutOddSlices(corpus, a.id());
            SliceReconstruction.holdOutOddSlices(corpus, b.id());
            Grouping grouping = new Grouping(new long[] {0, corpus.record(b.id() - 1).offset()}); // scroll B starts with its metadata record
            long[] heldOut = TrainingRun.spread(corpus, Role.HELD_OUT, evalSamples);
            long[][] perScroll = split(heldOut, grouping);
            AunnConfig module = AunnConfig.defaults().withIndexBits(corpus.indexBits()).withShape(moduleWidth, depth).withBatchSize(batch)
                    .withOptim(lr, Math.min(50, steps / 10), steps, 0.0).withSeed(seed);
            long moduleParams = params(module);
            long total = moduleParams * (1 + grouping.groups());
            int bigWidth = matchingWidth(module, total);
            AunnConfig single = module.withShape(bigWidth, depth);

            ResultTable table = new ResultTable(String.format(Locale.ROOT,
                    "Two phantom scrolls (%d×%d×%d crops, seeds 1 and 2, odd z slices held out): modular DAG vs one AUNN, %d steps of batch %d",
                    crop, crop, Math.max(1, crop / 2), steps, batch),
                    List.of("model", "parameters", "held-out bits/byte", "scroll A", "scroll B", "train wall s"));
            List<Plots.Series> curves = new ArrayList<>();
            Map<String, Object> numbers = new LinkedHashMap<>();

            try (AunnModel m = new AunnModel(single)) {
                ArmRun run = ArmRun.train(m, corpus, steps, evalEvery, heldOut, progress, "training one AUNN " + bigWidth + "×" + depth);
                double bA = Evaluator.bitsPerByte(m, corpus, perScroll[0], 4096), bB = Evaluator.bitsPerByte(m, corpus, perScroll[1], 4096);
                String name = "one AUNN " + bigWidth + "×" + depth;
                table.row(name, m.parameterCount(), run.finalBits(), bA, bB, run.trainSeconds());
                curves.add(new Plots.Series(name, run.stepsAsDoubles(), run.heldOutBits()));
                numbers.put("single", run.finalBits());
            }
            double bestModular = Double.POSITIVE_INFINITY;
            for (double w : weights) {
                String name = String.format(Locale.ROOT, "modular: shared + 2 per-scroll AUNNs %d×%d, consistency %s", moduleWidth, depth, fmt(w));
                progress.log("training " + name);
                try (ModularAunn m = new ModularAunn(module, grouping, w); Progress.Task task = progress.start("training " + name, steps)) {
                    UniformRandom schedule = new UniformRandom(batch, seed);
                    List<double[]> curve = new ArrayList<>();
                    curve.add(new double[] {0, m.bitsPerByte(corpus, heldOut, 4096)});
                    double seconds = 0;
                    while (m.step() < steps) {
                        long t0 = System.nanoTime();
                        for (int i = 0; i < evalEvery && m.step() < steps; i++) {
                            long[] idx = schedule.next(corpus, m.step());
                            int[] bytes = new int[idx.length];
                            corpus.bytesAt(idx, bytes);
                            m.step(idx, bytes);
                        }
                        seconds += (System.nanoTime() - t0) / 1e9;
                        curve.add(new double[] {m.step(), m.bitsPerByte(corpus, heldOut, 4096)});
                        task.advance(m.step(), steps);
                    }
                    double fin = curve.get(curve.size() - 1)[1];
                    table.row(name, m.parameterCount(), fin, m.bitsPerByte(corpus, perScroll[0], 4096), m.bitsPerByte(corpus, perScroll[1], 4096), seconds);
                    curves.add(new Plots.Series(name, curve.stream().mapToDouble(p -> p[0]).toArray(), curve.stream().mapToDouble(p -> p[1]).toArray()));
                    numbers.put("modular_" + fmt(w), fin);
                    bestModular = Math.min(bestModular, fin);
                }
            }
            double single0 = (double) numbers.get("single");
            String headline = String.format(Locale.ROOT,
                    "On two phantom scrolls the best modular DAG ends at %.3f held-out bits/byte against %.3f for one AUNN of the same size (%s).",
                    bestModular, single0, bestModular < single0 ? "modular better by " + String.format(Locale.ROOT, "%.3f", single0 - bestModular)
                            : "modularity does not help here: worse by " + String.format(Locale.ROOT, "%.3f", bestModular - single0));
            return new ExperimentResult(headline, List.of(table),
                    Map.of("modular-curves", Plots.linePlot("held-out bits/byte vs step", "step", "bits/byte", curves)), numbers);
        }
    }

    private static String fmt(double w) {
        return w == Math.rint(w) ? String.valueOf((long) w) : String.valueOf(w);
    }

    private static long params(AunnConfig c) {
        return ParamSpec.of(c).stream().mapToLong(ParamSpec::size).sum();
    }

    /** The width (multiple of 4) whose single model's parameter count is closest to {@code target}. */
    static int matchingWidth(AunnConfig c, long target) {
        int best = 4;
        for (int w = 4; w <= 4096; w += 4) {
            if (Math.abs(params(c.withShape(w, c.depth())) - target) < Math.abs(params(c.withShape(best, c.depth())) - target)) best = w;
        }
        return best;
    }

    private static long[][] split(long[] idx, Grouping g) {
        long[][] out = new long[g.groups()][];
        for (int k = 0; k < out.length; k++) {
            final int kk = k;
            out[k] = Arrays.stream(idx).filter(i -> g.groupOf(i) == kk).toArray();
        }
        return out;
    }
}
