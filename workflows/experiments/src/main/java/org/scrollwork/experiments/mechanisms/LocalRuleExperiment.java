package org.scrollwork.experiments.mechanisms;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.experiments.aunn.local.LocalUpdate;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.ExperimentConfigException;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.pipeline.report.Plots;

/**
 * A local learning rule at runtime: a trained model is conditioned on new bytes chunk by chunk (score the
 * chunk, then update on it), with backprop (AdamW on every parameter, as {@code DynamicEvaluation} does)
 * or with a forward-only local rule ({@link LocalUpdate}: the delta rule on the head, or direct feedback
 * alignment on the blocks plus the delta rule). Reports bits per byte gained over the static score, per
 * update, and the wall time of one update, for a few learning rates of each.
 */
public final class LocalRuleExperiment implements Experiment {

    @Override public String name() { return "local-rule"; }

    @Override public String summary() {
        return "conditioning on new data with a local rule (delta rule, DFA) vs backprop: bits/byte gained per update, ms per update";
    }

    @Override public ExperimentResult run(ExperimentConfig config, Path workDir, Progress progress) {
        String data = config.stringValue("data", "auto");
        int letters = config.intValue("greekLetters", 24576);
        int newLetters = config.intValue("newLetters", 8192);
        int crop = config.intValue("crop", 32);
        int width = config.intValue("width", 128);
        int depth = config.intValue("depth", 3);
        int batch = config.intValue("batch", 128);
        int steps = config.intValue("steps", 1500);
        double lr = config.doubleValue("lr", 2e-3);
        int chunk = config.intValue("chunk", 128);
        List<Double> backpropLrs = config.doubleList("backpropLrs", List.of(3e-4, 1e-3, 3e-3));
        List<Double> deltaLrs = config.doubleList("deltaLrs", List.of(0.01, 0.03, 0.1));
        List<Double> dfaLrs = config.doubleList("dfaLrs", List.of(0.003, 0.01, 0.03));
        long seed = config.longValue("seed", 1);

        String note;
        InMemoryByteSource src;
        Optional<byte[]> greek = data.equals("phantom") ? Optional.empty() : MechanismData.greekInBookOrder(letters + newLetters);
        if (data.equals("greek") && greek.isEmpty()) throw new ExperimentConfigException(config.source() + ": data: greek, but the SBLGNT is not cached at " + MechanismData.greekCache());
        if (!List.of("auto", "greek", "phantom").contains(data)) throw new ExperimentConfigException(config.source() + ": 'data' must be auto, greek or phantom, not '" + data + "'");
        if (greek.isPresent()) {
            byte[] g = greek.get();
            Role[] roles = new Role[g.length];
            int cut = Math.min(letters, g.length - 1);
            for (int i = 0; i < g.length; i++) roles[i] = i < cut ? Role.TRAIN : Role.HELD_OUT;
            src = new InMemoryByteSource(bitsFor(g.length), 0, g, roles);
            note = "Greek (SBLGNT in book order): trained on the first " + cut + " letters, conditioned on the next " + (g.length - cut);
        } else {
            byte[] a = MechanismData.phantomCrop(1, crop), b = MechanismData.phantomCrop(2, crop);
            int block = Integer.highestOneBit(a.length - 1) << 1;
            byte[] bytes = new byte[2 * block];
            Role[] roles = new Role[bytes.length];
            System.arraycopy(a, 0, bytes, 0, a.length);
            System.arraycopy(b, 0, bytes, block, b.length);
            for (int i = 0; i < a.length; i++) roles[i] = Role.TRAIN;
            for (int i = 0; i < b.length; i++) roles[block + i] = Role.HELD_OUT;
            src = new InMemoryByteSource(bitsFor(bytes.length), 0, bytes, roles);
            note = "phantom: trained on scroll A (" + crop + "×" + crop + "×" + crop / 2 + "), conditioned on scroll B appended after it"
                    + (data.equals("auto") ? " (the SBLGNT is not cached, so the phantom data was used)" : "");
        }
        long[] fresh = Evaluator.indices(src, Role.HELD_OUT, 0, src.count(Role.HELD_OUT));

        AunnConfig c = AunnConfig.defaults().withIndexBits(src.indexBits()).withShape(width, depth).withBatchSize(batch)
                .withOptim(lr, Math.min(50, steps / 10), steps, 0.0).withSeed(seed);
        ResultTable table = new ResultTable("Conditioning a trained AUNN on " + fresh.length + " new bytes, " + chunk + " per update (score, then update)",
                List.of("rule", "learning rate", "bits/byte", "gain bits/byte", "gain per update", "median ms per update", "min ms per update"), 4);
        List<Plots.Series> curves = new ArrayList<>();
        Map<String, Object> numbers = new LinkedHashMap<>();
        Map<String, double[]> best = new LinkedHashMap<>(); // rule → {gain, ms, lr}
        try (AunnModel base = new AunnModel(c)) {
            progress.log("training the base model");
            try (AunnTrainer t = new AunnTrainer(base); Progress.Task task = progress.start("training the base model", steps)) {
                for (int done = 0; done < steps; done += Math.min(100, steps - done)) {
                    t.train(src, new UniformRandom(batch, seed), Math.min(100, steps - done));
                    task.advance(done, steps);
                }
            }
            double stat = Evaluator.bitsPerByte(base, src, fresh, 4096);
            table.row("none (static)", "–", stat, 0.0, 0.0, "–", "–");
            numbers.put("staticBitsPerByte", stat);
            int updates = (fresh.length + chunk - 1) / chunk;
            Run none = condition(base, src, fresh, chunk, "none", 0, seed);
            curves.add(new Plots.Series("no updates", none.chunkIndex, none.runningBits));
            for (String rule : List.of("backprop (AdamW, all layers)", "delta rule (head)", "DFA (blocks) + delta rule (head)")) {
                List<Double> lrs = rule.startsWith("backprop") ? backpropLrs : rule.startsWith("delta") ? deltaLrs : dfaLrs;
                for (double rate : lrs) {
                    progress.log(rule + ", lr " + rate);
                    Run r = condition(base, src, fresh, chunk, rule, rate, seed);
                    double gain = stat - r.bitsPerByte;
                    table.row(rule, rate, r.bitsPerByte, gain, gain / updates, r.msPerUpdate, r.minMsPerUpdate);
                    double[] b = best.get(rule);
                    if (b == null || gain > b[0]) {
                        best.put(rule, new double[] {gain, r.msPerUpdate, rate, r.minMsPerUpdate});
                        curves.removeIf(s -> s.name().startsWith(shortName(rule)));
                        curves.add(new Plots.Series(shortName(rule) + " lr " + rate, r.chunkIndex, r.runningBits));
                    }
                }
            }
        }
        double[] bp = best.get("backprop (AdamW, all layers)");
        double[] delta = best.get("delta rule (head)");
        double[] dfa = best.get("DFA (blocks) + delta rule (head)");
        numbers.put("backpropGain", bp[0]);
        numbers.put("deltaGain", delta[0]);
        numbers.put("dfaGain", dfa[0]);
        numbers.put("backpropMs", bp[1]);
        numbers.put("deltaMs", delta[1]);
        numbers.put("dfaMs", dfa[1]);
        numbers.put("backpropMinMs", bp[3]);
        numbers.put("deltaMinMs", delta[3]);
        numbers.put("dfaMinMs", dfa[3]);
        String headline = String.format(Locale.ROOT, "%s. Best of each (median / min ms per update): backprop gains %.3f bits/byte at %.1f / %.1f ms; "
                        + "the delta rule %.3f at %.1f / %.1f ms (%s); DFA + delta %.3f at %.1f / %.1f ms (%s).",
                note, bp[0], bp[1], bp[3], delta[0], delta[1], delta[3], verdict(delta[0], bp[0]), dfa[0], dfa[1], dfa[3], verdict(dfa[0], bp[0]));
        Map<String, java.awt.image.BufferedImage> plots = new LinkedHashMap<>();
        plots.put("conditioning", Plots.linePlot("running bits per byte while conditioning (best learning rate of each rule)", "chunk", "bits/byte so far", curves));
        return new ExperimentResult(headline, List.of(table), plots, numbers);
    }

    private static String verdict(double gain, double backpropGain) {
        if (gain <= 0) return "no gain";
        return String.format(Locale.ROOT, "%.0f%% of backprop's gain", 100 * gain / backpropGain);
    }

    private static String shortName(String rule) {
        return rule.startsWith("backprop") ? "backprop" : rule.startsWith("delta") ? "delta" : "DFA";
    }

    private record Run(double bitsPerByte, double msPerUpdate, double minMsPerUpdate, double[] chunkIndex, double[] runningBits) {}

    /** Dynamic evaluation of a copy of {@code base} with one update per chunk by the named rule; the median wall time of the updates alone. */
    private static Run condition(AunnModel base, InMemoryByteSource src, long[] fresh, int chunk, String rule, double rate, long seed) {
        int n = (fresh.length + chunk - 1) / chunk;
        double[] xs = new double[n], running = new double[n];
        double sum = 0;
        double[] nanos = new double[n];
        try (AunnModel m = base.copy()) {
            boolean none = rule.equals("none");
            AunnTrainer trainer = rule.startsWith("backprop") ? new AunnTrainer(m) : null;
            LocalUpdate local = trainer == null && !none ? new LocalUpdate(m, rule.startsWith("delta") ? LocalUpdate.Rule.DELTA : LocalUpdate.Rule.DFA, seed) : null;
            try {
                for (int k = 0; k < n; k++) {
                    long[] idx = Arrays.copyOfRange(fresh, k * chunk, Math.min(fresh.length, (k + 1) * chunk));
                    sum += Evaluator.sumBits(m, src, idx, 4096);
                    int[] bytes = new int[idx.length];
                    src.bytesAt(idx, bytes);
                    long t0 = System.nanoTime();
                    if (trainer != null) trainer.step(idx, bytes, rate);
                    else if (!none) local.update(idx, bytes, rate);
                    nanos[k] = System.nanoTime() - t0;
                    xs[k] = k + 1;
                    running[k] = sum / Math.min(fresh.length, (k + 1) * chunk);
                }
            } finally {
                if (trainer != null) trainer.close();
                if (local != null) local.close();
            }
        }
        Arrays.sort(nanos);
        double median = n % 2 == 1 ? nanos[n / 2] : (nanos[n / 2 - 1] + nanos[n / 2]) / 2;
        return new Run(sum / fresh.length, median / 1e6, nanos[0] / 1e6, xs, running);
    }

    static int bitsFor(int length) {
        return Math.max(8, 64 - Long.numberOfLeadingZeros(length - 1L));
    }
}
