package org.scrollwork.experiments.mechanisms;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.DynamicEvaluation;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.ChunkedSerial;
import org.scrollwork.aunn.train.IndexSchedule;
import org.scrollwork.aunn.train.UniformRandom;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.pipeline.report.Plots;

/**
 * Does online learning get learned (the proposal's footnote 14)? On a temporally ordered list (phantom
 * scrolls appended one after another; the SBLGNT in book order) whose last part is held out, two models
 * get equal data and compute: one trains on i.i.d. uniform minibatches, the other walks the list in
 * order, dynamic-evaluation style (each chunk of one batch trained {@code stepsPerChunk} steps, then the
 * next). Both are scored on the held-out part statically and with dynamic evaluation (score a chunk, then
 * learn it). If online learning is learned, the serial model gains more from dynamic evaluation.
 */
public final class OnlineLearningExperiment implements Experiment {

    @Override public String name() { return "online-learning"; }

    @Override public String summary() {
        return "footnote 14: i.i.d. vs serial dynamic-evaluation-style training, each scored statically and dynamically on the held-out end";
    }

    /** One data set: a name, the source (last part HELD_OUT) and a note. */
    record DataSet(String name, InMemoryByteSource source, String note) {}

    @Override public ExperimentResult run(ExperimentConfig config, Path workDir, Progress progress) {
        String data = config.stringValue("data", "both");
        int scrolls = config.intValue("phantomScrolls", 6);
        int crop = config.intValue("crop", 24);
        int letters = config.intValue("greekLetters", 32768);
        double heldFraction = config.doubleValue("greekHeldOutFraction", 0.125);
        int width = config.intValue("width", 128);
        int depth = config.intValue("depth", 3);
        int batch = config.intValue("batch", 128);
        int steps = config.intValue("steps", 1500);
        double lr = config.doubleValue("lr", 2e-3);
        int stepsPerChunk = config.intValue("stepsPerChunk", 4);
        int dynChunk = config.intValue("dynamicChunk", 128);
        int dynSteps = config.intValue("dynamicStepsPerChunk", 1);
        double dynLr = config.doubleValue("dynamicLr", 1e-3);
        int evalEvery = config.intValue("evalEvery", Math.max(1, steps / 10));
        long seed = config.longValue("seed", 1);
        if (!data.equals("both") && !data.equals("phantom") && !data.equals("greek")) {
            throw new org.scrollwork.experiments.ExperimentConfigException(config.source() + ": 'data' must be both, phantom or greek, not '" + data + "'");
        }

        List<DataSet> sets = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!data.equals("greek")) sets.add(phantoms(scrolls, crop));
        if (!data.equals("phantom")) {
            Optional<byte[]> g = MechanismData.greekInBookOrder(letters);
            if (g.isPresent()) {
                sets.add(greek(g.get(), heldFraction));
            } else {
                notes.add("Greek half skipped: the SBLGNT is not cached at " + MechanismData.greekCache() + " (run `scrollwork lm train` once to fetch it).");
            }
        }

        ResultTable table = new ResultTable("Online learning (footnote 14): held-out bits per byte, " + steps + " steps of " + batch + " bytes each",
                List.of("data", "training", "static", "dynamic", "dynamic gain", "train bits/byte", "train s"));
        List<Plots.Series> curves = new ArrayList<>();
        Map<String, Object> numbers = new LinkedHashMap<>();
        StringBuilder headline = new StringBuilder();
        for (DataSet ds : sets) {
            double[][] row = new double[2][];
            for (int variant = 0; variant < 2; variant++) {
                boolean serial = variant == 1;
                String label = serial ? "serial, " + stepsPerChunk + " steps per chunk" : "i.i.d. random";
                progress.log(ds.name() + ": training " + label);
                AunnConfig c = AunnConfig.defaults().withIndexBits(ds.source().indexBits()).withShape(width, depth).withBatchSize(batch)
                        .withOptim(lr, Math.min(50, steps / 10), steps, 0.0).withSeed(seed);
                IndexSchedule schedule = serial ? new ChunkedSerial(batch, stepsPerChunk) : new UniformRandom(batch, seed);
                long[] held = Evaluator.indices(ds.source(), Role.HELD_OUT, 0, ds.source().count(Role.HELD_OUT));
                long[] trainSample = spread(ds.source(), Role.TRAIN, 4096);
                try (AunnModel m = new AunnModel(c); AunnTrainer t = new AunnTrainer(m)) {
                    List<double[]> curve = new ArrayList<>();
                    long t0 = System.nanoTime();
                    try (Progress.Task task = progress.start(ds.name() + ": training " + label, steps)) {
                        for (int done = 0; done < steps; ) {
                            int n = Math.min(evalEvery, steps - done);
                            t.train(ds.source(), schedule, n);
                            done += n;
                            curve.add(new double[] {done, Evaluator.bitsPerByte(m, ds.source(), held, 4096)});
                            task.advance(done, steps);
                        }
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    double train = Evaluator.bitsPerByte(m, ds.source(), trainSample, 4096);
                    progress.log(ds.name() + ": dynamic evaluation of the " + label + " model");
                    DynamicEvaluation.Report r;
                    try (AunnModel copy = m.copy(); AunnTrainer ct = new AunnTrainer(copy)) {
                        r = DynamicEvaluation.run(ct, ds.source(), held, dynChunk, dynSteps, dynLr);
                    }
                    table.row(ds.name(), label, r.staticBitsPerByte(), r.dynamicBitsPerByte(), r.staticBitsPerByte() - r.dynamicBitsPerByte(), train, seconds);
                    row[variant] = new double[] {r.staticBitsPerByte(), r.dynamicBitsPerByte()};
                    curves.add(new Plots.Series((ds.name().startsWith("Greek") ? "Greek" : "phantoms") + " " + (serial ? "serial" : "i.i.d."), curve.stream().mapToDouble(p -> p[0]).toArray(),
                            curve.stream().mapToDouble(p -> p[1]).toArray()));
                    String key = ds.name().replaceAll("[^a-z]", "") + (serial ? "Serial" : "Iid");
                    numbers.put(key + "Static", r.staticBitsPerByte());
                    numbers.put(key + "Dynamic", r.dynamicBitsPerByte());
                }
            }
            double gainIid = row[0][0] - row[0][1], gainSerial = row[1][0] - row[1][1];
            boolean learned = row[1][1] < row[0][1] && gainSerial > gainIid;
            headline.append(String.format(java.util.Locale.ROOT, "%s: dynamic evaluation gains %.3f bits/byte on the serial model vs %.3f on the i.i.d. one; "
                    + "dynamically evaluated, serial %.3f vs i.i.d. %.3f (%s). ", ds.name(), gainSerial, gainIid, row[1][1], row[0][1],
                    learned ? "consistent with online learning being learned" : "no sign that online learning was learned"));
        }
        for (String n : notes) headline.append(n).append(' ');
        Map<String, java.awt.image.BufferedImage> plots = new LinkedHashMap<>();
        plots.put("held-out-curves", Plots.linePlot("held-out bits per byte (static) during training", "step", "bits/byte", curves));
        return new ExperimentResult(headline.toString().trim(), List.of(table), plots, numbers);
    }

    /** {@code scrolls} phantoms (seeds 1, 2, …) one after another, each in its own power-of-two block; the last held out. */
    static DataSet phantoms(int scrolls, int crop) {
        if (scrolls < 2) throw new IllegalArgumentException("need at least two phantom scrolls (one held out)");
        List<byte[]> parts = new ArrayList<>();
        for (int s = 1; s <= scrolls; s++) parts.add(MechanismData.phantomCrop(s, crop));
        int block = Integer.highestOneBit(parts.get(0).length - 1) << 1;
        byte[] bytes = new byte[block * scrolls];
        Role[] roles = new Role[bytes.length];
        for (int s = 0; s < scrolls; s++) {
            byte[] p = parts.get(s);
            System.arraycopy(p, 0, bytes, s * block, p.length);
            for (int i = 0; i < p.length; i++) roles[s * block + i] = s == scrolls - 1 ? Role.HELD_OUT : Role.TRAIN;
        }
        int bits = 64 - Long.numberOfLeadingZeros(bytes.length - 1L);
        return new DataSet("phantom scrolls", new InMemoryByteSource(Math.max(bits, 8), 0, bytes, roles),
                scrolls + " phantoms of " + crop + "×" + crop + "×" + crop / 2 + ", last held out");
    }

    static DataSet greek(byte[] letters, double heldFraction) {
        Role[] roles = new Role[letters.length];
        int cut = (int) Math.round(letters.length * (1 - heldFraction));
        for (int i = 0; i < roles.length; i++) roles[i] = i < cut ? Role.TRAIN : Role.HELD_OUT;
        int bits = 64 - Long.numberOfLeadingZeros(letters.length - 1L);
        return new DataSet("Greek (SBLGNT, book order)", new InMemoryByteSource(Math.max(bits, 8), 0, letters, roles), letters.length + " letters, last " + (letters.length - cut) + " held out");
    }

    /** Up to {@code n} indices of a role evenly spread by rank. */
    static long[] spread(InMemoryByteSource s, Role role, int n) {
        long count = s.count(role);
        int k = (int) Math.min(n, count);
        long[] out = new long[k];
        for (int i = 0; i < k; i++) out[i] = s.index(role, i * count / k);
        return out;
    }
}
