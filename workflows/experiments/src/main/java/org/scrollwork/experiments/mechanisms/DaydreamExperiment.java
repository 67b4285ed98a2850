package org.scrollwork.experiments.mechanisms;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.aunn.eval.Predictor;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.experiments.aunn.refine.Daydream;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;
import org.scrollwork.pipeline.eval.ImageQuality;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.pipeline.report.Plots;

/**
 * Daydreaming: a box in the middle of a phantom crop is masked; after training, its single-pass prediction
 * (expected voxel value) is compared with {@link Daydream}'s converged one (predict, add noise, retrain on
 * the prediction, repeat until it stops changing), and with a control that spends the same extra steps
 * training on the real (unmasked) voxels only. PSNR and mean absolute error over the masked box.
 */
public final class DaydreamExperiment implements Experiment {

    @Override public String name() { return "daydream"; }

    @Override public String summary() {
        return "iterative refinement of a masked box (predict, noise, retrain, repeat) vs single-pass prediction: PSNR";
    }

    @Override public ExperimentResult run(ExperimentConfig config, Path workDir, Progress progress) {
        String data = config.stringValue("data", "phantom");
        Settings st = Settings.read(config);
        if (data.equals("text")) return text(config, progress, st);
        if (!data.equals("phantom")) throw new org.scrollwork.experiments.ExperimentConfigException(config.source() + ": 'data' must be phantom or text, not '" + data + "'");
        int crop = st.crop(), box = st.box(), batch = st.batch(), steps = st.steps(), stepsPerRound = st.stepsPerRound();
        double dreamLr = st.dreamLr();
        long seed = st.seed();

        byte[] vol = MechanismData.phantomCrop(1, crop);
        int nx = crop, ny = crop, nz = crop / 2;
        if (box > nz || box < 1) throw new org.scrollwork.experiments.ExperimentConfigException(config.source() + ": 'box' must be in 1.." + nz);
        int x0 = (nx - box) / 2, y0 = (ny - box) / 2, z0 = (nz - box) / 2;
        Role[] roles = new Role[vol.length];
        for (int i = 0; i < vol.length; i++) {
            int x = i % nx, y = (i / nx) % ny, z = i / (nx * ny);
            boolean in = x >= x0 && x < x0 + box && y >= y0 && y < y0 + box && z >= z0 && z < z0 + box;
            roles[i] = in ? Role.HELD_OUT : Role.TRAIN;
        }
        InMemoryByteSource src = new InMemoryByteSource(LocalRuleExperiment.bitsFor(vol.length), 0, vol, roles);
        long[] masked = Evaluator.indices(src, Role.HELD_OUT, 0, src.count(Role.HELD_OUT));
        double[] truth = new double[masked.length];
        for (int i = 0; i < masked.length; i++) truth[i] = src.byteAt(masked[i]);

        AunnConfig c = st.baseConfig(src.indexBits());
        ResultTable table = new ResultTable("Daydreaming a masked " + box + "³ box of a " + crop + "×" + crop + "×" + nz + " phantom crop (base: " + steps + " steps)",
                List.of("reconstruction", "PSNR dB", "mean abs error", "extra steps"));
        Map<String, Object> numbers = new LinkedHashMap<>();
        double single, dreamed, control;
        Daydream.Result dr;
        try (AunnModel base = new AunnModel(c)) {
            trainBase(base, src, st, progress);
            double[] first = Predictor.expectation(base, masked, 4096);
            single = ImageQuality.psnr(truth, first, 255);
            table.row("single pass", single, mae(truth, first), 0);
            progress.log("daydreaming");
            try (AunnModel m = base.copy(); AunnTrainer t = new AunnTrainer(m)) {
                dr = Daydream.run(t, src, masked, new Daydream.Options(st.rounds(), stepsPerRound, batch, st.noise(), st.noiseRounds(), st.tolerance(), dreamLr, seed));
            }
            int used = dr.changes().size() * stepsPerRound;
            dreamed = ImageQuality.psnr(truth, dr.last(), 255);
            table.row("daydreamed, " + dr.changes().size() + " rounds (" + (dr.converged() ? "converged" : "not converged") + ")", dreamed, mae(truth, dr.last()), used);
            progress.log("control: the same extra steps on real voxels only");
            try (AunnModel m = base.copy(); AunnTrainer t = new AunnTrainer(m)) {
                trainOnKnownBytes(t, src, used, batch, dreamLr, seed);
                double[] p = Predictor.expectation(m, masked, 4096);
                control = ImageQuality.psnr(truth, p, 255);
                table.row("control: extra steps on real voxels only", control, mae(truth, p), used);
            }
        }
        double[] flat = new double[truth.length];
        double trainMean = 0;
        long nt = src.count(Role.TRAIN);
        for (long k = 0; k < nt; k++) trainMean += src.byteAt(src.index(Role.TRAIN, k)) / (double) nt;
        java.util.Arrays.fill(flat, trainMean);
        table.row("mean of the known voxels", ImageQuality.psnr(truth, flat, 255), mae(truth, flat), 0);

        double[] xs = new double[dr.predictions().size()], ps = new double[xs.length], ch = new double[xs.length];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = k;
            ps[k] = ImageQuality.psnr(truth, dr.predictions().get(k), 255);
            ch[k] = k == 0 ? Double.NaN : dr.changes().get(k - 1);
        }
        numbers.put("singlePassPsnr", single);
        numbers.put("daydreamPsnr", dreamed);
        numbers.put("controlPsnr", control);
        numbers.put("rounds", dr.changes().size());
        numbers.put("converged", dr.converged());
        String headline = String.format(Locale.ROOT, "Masked box PSNR: single pass %.2f dB, daydreamed %.2f dB after %d rounds (%s), control with the same extra steps on real voxels %.2f dB: "
                        + "daydreaming %s.", single, dreamed, dr.changes().size(), dr.converged() ? "converged" : "not converged", control,
                dreamed > Math.max(single, control) ? "helps" : "does not help");
        Map<String, java.awt.image.BufferedImage> plots = new LinkedHashMap<>();
        plots.put("daydream-psnr", Plots.linePlot("masked-box PSNR per daydream round (round 0 = single pass)", "round", "PSNR dB", List.of(new Plots.Series("daydream", xs, ps))));
        plots.put("daydream-change", Plots.linePlot("mean absolute change of the prediction per round", "round", "byte values", List.of(new Plots.Series("change", xs, ch))));
        return new ExperimentResult(headline, List.of(table), plots, numbers);
    }

    /**
     * The text variant: a span of letters in the middle of a text record (the SBLGNT in book order when cached,
     * else the phantom's default text, Plato's Apology) is masked; letters are read as the most likely byte and
     * daydreamed with {@link Daydream#runCategorical}. Scored by the letter error rate (CER: the span has a fixed
     * length, so every error is a substitution).
     */
    private ExperimentResult text(ExperimentConfig config, Progress progress, Settings st) {
        int letters = st.letters(), span = st.span(), batch = st.batch(), steps = st.steps(), stepsPerRound = st.stepsPerRound();
        double dreamLr = st.dreamLr();
        long seed = st.seed();

        java.util.Optional<byte[]> g = MechanismData.greekInBookOrder(letters);
        String what;
        byte[] text;
        if (g.isPresent()) {
            text = g.get();
            what = "the first " + text.length + " letters of the SBLGNT";
        } else {
            String t = org.scrollwork.phantom.PhantomConfig.defaults().normalizedText();
            text = new byte[Math.min(letters, t.length())];
            for (int i = 0; i < text.length; i++) text[i] = (byte) ('A' + (t.charAt(i) - 'Α'));
            what = "the opening of Plato's Apology (" + text.length + " letters; the SBLGNT is not cached)";
        }
        if (span < 1 || span >= text.length) throw new org.scrollwork.experiments.ExperimentConfigException(config.source() + ": 'span' must be in 1.." + (text.length - 1));
        int from = (text.length - span) / 2;
        Role[] roles = new Role[text.length];
        for (int i = 0; i < text.length; i++) roles[i] = i >= from && i < from + span ? Role.HELD_OUT : Role.TRAIN;
        InMemoryByteSource src = new InMemoryByteSource(LocalRuleExperiment.bitsFor(text.length), 0, text, roles);
        long[] masked = Evaluator.indices(src, Role.HELD_OUT, 0, span);
        AunnConfig c = st.baseConfig(src.indexBits());
        ResultTable table = new ResultTable("Daydreaming a masked span of " + span + " letters in " + what + " (base: " + steps + " steps)",
                List.of("reconstruction", "CER", "letters right", "extra steps"));
        double single, dreamed, control;
        Daydream.Result dr;
        try (AunnModel base = new AunnModel(c)) {
            trainBase(base, src, st, progress);
            progress.log("daydreaming");
            try (AunnModel m = base.copy(); AunnTrainer t = new AunnTrainer(m)) {
                dr = Daydream.runCategorical(t, src, masked, new Daydream.Options(st.rounds(), stepsPerRound, batch, st.temperature(), st.noiseRounds(), st.textTolerance(), dreamLr, seed));
            }
            single = cer(src, masked, dr.singlePass());
            table.row("single pass (most likely letter)", single, right(src, masked, dr.singlePass()), 0);
            int used = dr.changes().size() * stepsPerRound;
            dreamed = cer(src, masked, dr.last());
            table.row("daydreamed, " + dr.changes().size() + " rounds (" + (dr.converged() ? "converged" : "not converged") + ")", dreamed, right(src, masked, dr.last()), used);
            progress.log("control: the same extra steps on real letters only");
            try (AunnModel m = base.copy(); AunnTrainer t = new AunnTrainer(m)) {
                trainOnKnownBytes(t, src, used, batch, dreamLr, seed);
                int[] am = org.scrollwork.aunn.eval.Predictor.argmax(m, masked, 4096);
                double[] p = new double[am.length];
                for (int i = 0; i < am.length; i++) p[i] = am[i];
                control = cer(src, masked, p);
                table.row("control: extra steps on real letters only", control, right(src, masked, p), used);
            }
        }
        int[] counts = new int[256];
        for (long k = 0; k < src.count(Role.TRAIN); k++) counts[src.byteAt(src.index(Role.TRAIN, k))]++;
        int common = 0;
        for (int v = 1; v < 256; v++) if (counts[v] > counts[common]) common = v;
        double[] flat = new double[span];
        java.util.Arrays.fill(flat, common);
        table.row("most frequent known letter everywhere", cer(src, masked, flat), right(src, masked, flat), 0);
        double[] xs = new double[dr.predictions().size()], cs = new double[xs.length], ch = new double[xs.length];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = k;
            cs[k] = cer(src, masked, dr.predictions().get(k));
            ch[k] = k == 0 ? Double.NaN : dr.changes().get(k - 1);
        }
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("singlePassCer", single);
        numbers.put("daydreamCer", dreamed);
        numbers.put("controlCer", control);
        numbers.put("rounds", dr.changes().size());
        numbers.put("converged", dr.converged());
        String headline = String.format(Locale.ROOT, "Masked span of %d letters in %s: CER single pass %.3f, daydreamed %.3f after %d rounds (%s), control %.3f: daydreaming %s.",
                span, what, single, dreamed, dr.changes().size(), dr.converged() ? "converged" : "not converged", control, dreamed < Math.min(single, control) ? "helps" : "does not help");
        Map<String, java.awt.image.BufferedImage> plots = new LinkedHashMap<>();
        plots.put("daydream-cer", Plots.linePlot("masked-span CER per daydream round (round 0 = single pass), and the fraction of letters changed",
                "round", "fraction", List.of(new Plots.Series("CER", xs, cs), new Plots.Series("changed", xs, ch))));
        return new ExperimentResult(headline, List.of(table), plots, numbers);
    }

    /** Every setting of both variants, read (and so recorded in the resolved config) whichever variant runs. */
    private record Settings(int letters, int span, double temperature, double textTolerance, int crop, int box, int width, int depth,
                            int batch, int steps, double lr, int rounds, int stepsPerRound, double noise, int noiseRounds, double tolerance,
                            double dreamLr, long seed) {
        static Settings read(ExperimentConfig c) {
            return new Settings(c.intValue("letters", 4096), c.intValue("span", 64), c.doubleValue("temperature", 1.0),
                    c.doubleValue("textTolerance", 0.02), c.intValue("crop", 32), c.intValue("box", 8), c.intValue("width", 128),
                    c.intValue("depth", 3), c.intValue("batch", 256), c.intValue("steps", 1500), c.doubleValue("lr", 2e-3),
                    c.intValue("maxRounds", 16), c.intValue("stepsPerRound", 50), c.doubleValue("noise", 20.0), c.intValue("noiseRounds", 6),
                    c.doubleValue("tolerance", 1.0), c.doubleValue("dreamLr", 5e-4), c.longValue("seed", 1));
        }

        /** The base model's config for a source of {@code indexBits}. */
        AunnConfig baseConfig(int indexBits) {
            return AunnConfig.defaults().withIndexBits(indexBits).withShape(width, depth).withBatchSize(batch)
                    .withOptim(lr, Math.min(50, steps / 10), steps, 0.0).withSeed(seed);
        }
    }

    /** Trains the base model {@code st.steps()} uniform random steps, reporting progress every 100. */
    private static void trainBase(AunnModel base, InMemoryByteSource src, Settings st, Progress progress) {
        progress.log("training the base model");
        try (AunnTrainer t = new AunnTrainer(base); Progress.Task task = progress.start("training the base model", st.steps())) {
            for (int done = 0; done < st.steps(); done += Math.min(100, st.steps() - done)) {
                t.train(src, new UniformRandom(st.batch(), st.seed()), Math.min(100, st.steps() - done));
                task.advance(done, st.steps());
            }
        }
    }

    /** The control arm: {@code steps} steps of uniformly drawn TRAIN bytes only (no dreamed ones). */
    private static void trainOnKnownBytes(AunnTrainer t, InMemoryByteSource src, int steps, int batch, double lr, long seed) {
        java.util.Random r = new java.util.Random(seed);
        long n = src.count(Role.TRAIN);
        for (int s = 0; s < steps; s++) {
            long[] idx = new long[batch];
            int[] bytes = new int[batch];
            for (int i = 0; i < batch; i++) idx[i] = src.index(Role.TRAIN, (long) (r.nextDouble() * n));
            src.bytesAt(idx, bytes);
            t.step(idx, bytes, lr);
        }
    }

    private static double cer(InMemoryByteSource src, long[] masked, double[] letters) {
        return 1.0 - (double) right(src, masked, letters) / masked.length;
    }

    private static int right(InMemoryByteSource src, long[] masked, double[] letters) {
        int ok = 0;
        for (int i = 0; i < masked.length; i++) if (src.byteAt(masked[i]) == (int) letters[i]) ok++;
        return ok;
    }

    private static double mae(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]) / a.length;
        return s;
    }
}
