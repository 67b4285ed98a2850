package org.scrollwork.experiments.mechanisms;

import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.SplitMix64;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.PhantomRegions;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.pipeline.render.MultiRangeDecoder;
import org.scrollwork.pipeline.report.Plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parallel and multiplexed decoding ({@link MultiRangeDecoder}): many small ranges (patches of two phantom scrolls'
 * records, alternating between them) decoded in one stream of full forward passes, against one range at a time, at
 * several forward-pass sizes. Both ways run side by side in this run on the same model and ranges (best of
 * {@code repeats} timings each, alternating), and must give the same voxel values. Speed does not depend on what the
 * weights are, so the model is a freshly initialised AUNN of the given shape.
 */
public final class DecodingExperiment implements Experiment {
    @Override public String name() {
        return "decoding";
    }

    @Override public String summary() {
        return "multiplexed decoding of many ranges in shared forward passes vs one range at a time: voxels/s over batch sizes and range counts";
    }

    @Override public ExperimentResult run(ExperimentConfig config, Path workDir, Progress progress) throws IOException {
        int crop = config.intValue("crop", 32);
        int width = config.intValue("width", 128);
        int depth = config.intValue("depth", 4);
        int patch = config.intValue("patch", 8);
        List<Double> rangeCounts = config.doubleList("ranges", List.of(1.0, 16.0, 128.0));
        List<Double> batches = config.doubleList("batches", List.of(256.0, 2048.0, 8192.0));
        int repeats = config.intValue("repeats", 2);
        long seed = config.longValue("seed", 1);

        progress.log("two phantom crops in one corpus");
        try (Corpus corpus = Corpus.create(WorkDirs.fresh(workDir.resolve("corpus")), new CorpusOptions(24))) {
            CorpusRecord a = corpus.appendVolume(PhantomRegions.central(1, null, crop));
            CorpusRecord b = corpus.appendVolume(PhantomRegions.central(2, null, crop));
            AunnConfig c = AunnConfig.defaults().withIndexBits(corpus.indexBits()).withShape(width, depth).withSeed(seed);
            ResultTable table = new ResultTable(String.format(Locale.ROOT,
                    "Decoding %d×%d×1-voxel ranges of two phantom scrolls (%d-byte voxels), AUNN %d×%d, one range at a time vs multiplexed",
                    patch, patch, a.voxelBytes(), width, depth),
                    List.of("ranges", "voxels", "batch (indices)", "forward passes, one at a time", "forward passes, multiplexed",
                            "voxels/s one at a time", "voxels/s multiplexed", "speed-up"));
            Map<String, List<double[]>> series = new LinkedHashMap<>();
            Map<String, Object> numbers = new LinkedHashMap<>();
            double maxDiff = 0, bestSpeedup = 0;
            String bestAt = "";
            try (AunnModel model = new AunnModel(c)) {
                int total = rangeCounts.size() * batches.size(), done = 0;
                progress.log("timing");
                try (Progress.Task task = progress.start("timing", total)) {
                    for (double rd : rangeCounts) {
                        List<MultiRangeDecoder.Range> ranges = ranges((int) rd, patch, a, b, seed);
                        int voxels = ranges.stream().mapToInt(r -> (int) r.box().voxels()).sum();
                        for (double bd : batches) {
                            int batch = (int) bd;
                            double each = Double.POSITIVE_INFINITY, multi = Double.POSITIVE_INFINITY;
                            List<double[]> ve = null, vm = null;
                            for (int rep = 0; rep < repeats + 1; rep++) { // the first round warms up and is not timed
                                long t0 = System.nanoTime();
                                ve = MultiRangeDecoder.decodeEach(model, ranges, batch);
                                long t1 = System.nanoTime();
                                vm = MultiRangeDecoder.decode(model, ranges, batch);
                                long t2 = System.nanoTime();
                                if (rep > 0) {
                                    each = Math.min(each, (t1 - t0) / 1e9);
                                    multi = Math.min(multi, (t2 - t1) / 1e9);
                                }
                            }
                            for (int i = 0; i < ve.size(); i++) for (int j = 0; j < ve.get(i).length; j++) maxDiff = Math.max(maxDiff, Math.abs(ve.get(i)[j] - vm.get(i)[j]));
                            int bytes = a.voxelBytes();
                            long passesEach = 0;
                            for (MultiRangeDecoder.Range r : ranges) passesEach += ceilDiv(r.box().voxels(), batch / bytes);
                            long passesMulti = ceilDiv(voxels, batch / bytes);
                            double speedup = each / multi;
                            table.row((int) rd, voxels, batch, passesEach, passesMulti, voxels / each, voxels / multi, speedup);
                            series.computeIfAbsent("multiplexed, batch " + batch, k -> new ArrayList<>()).add(new double[] {rd, voxels / multi});
                            series.computeIfAbsent("one at a time, batch " + batch, k -> new ArrayList<>()).add(new double[] {rd, voxels / each});
                            if (speedup > bestSpeedup) {
                                bestSpeedup = speedup;
                                bestAt = (int) rd + " ranges, batch " + batch;
                            }
                            task.advance(++done, total);
                        }
                    }
                }
            }
            numbers.put("maxAbsDifference", maxDiff);
            numbers.put("bestSpeedup", bestSpeedup);
            List<Plots.Series> plot = new ArrayList<>();
            for (var e : series.entrySet()) {
                double[] x = e.getValue().stream().mapToDouble(p -> Math.log10(p[0])).toArray();
                double[] y = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
                plot.add(new Plots.Series(e.getKey(), x, y));
            }
            String headline = String.format(Locale.ROOT,
                    "Multiplexing many small ranges into shared forward passes decodes up to %.1fx as many voxels/s as one range at a time (%s); "
                            + "with one range it is the same; both give the same values (max difference %.2g).",
                    bestSpeedup, bestAt, maxDiff);
            return new ExperimentResult(headline, List.of(table),
                    Map.of("decoding-throughput", Plots.linePlot("voxels/s vs number of ranges", "log10(ranges)", "voxels/s", plot)), numbers);
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** {@code n} patch × patch × 1 boxes at deterministic random places, alternating between the two records. */
    static List<MultiRangeDecoder.Range> ranges(int n, int patch, CorpusRecord a, CorpusRecord b, long seed) {
        SplitMix64 r = SplitMix64.forKey(seed, 41, n);
        List<MultiRangeDecoder.Range> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CorpusRecord rec = i % 2 == 0 ? a : b;
            int p = (int) Math.min(patch, Math.min(rec.shape().x(), rec.shape().y()));
            long x = (long) (r.nextDouble() * (rec.shape().x() - p + 1));
            long y = (long) (r.nextDouble() * (rec.shape().y() - p + 1));
            long z = (long) (r.nextDouble() * rec.shape().z());
            out.add(new MultiRangeDecoder.Range(rec, new Box(x, y, z, x + p, y + p, z + 1)));
        }
        return out;
    }
}
