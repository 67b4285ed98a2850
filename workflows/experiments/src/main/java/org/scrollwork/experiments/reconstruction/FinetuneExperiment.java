package org.scrollwork.experiments.reconstruction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.imglib2.view.Views;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.io.Volume;
import org.scrollwork.phantom.Phantom;
import org.scrollwork.phantom.PhantomConfig;
import org.scrollwork.phantom.PhantomGenerator;
import org.scrollwork.pipeline.FinetuneSource;
import org.scrollwork.pipeline.SliceReconstruction;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.TrainingRun;

/**
 * The incremental-finetune experiment. Phantom scroll A (seed 1, Plato's Apology) goes into a corpus
 * and a base AUNN is trained on it. Phantom scroll B (seed 2, another text) is appended after it, its
 * odd z slices held out. Then two runs train on B's records only (a {@link FinetuneSource}), with
 * the same config, seed and steps: one from the base snapshot's weights, one from scratch. Prints
 * held-out bits per byte on B against steps for both, and the headline: how many steps the finetune
 * needs to reach the bits per byte the scratch run ends at (linear interpolation between evaluation
 * points, step 0 included), as a ratio.
 *
 * <pre>bin/bench workflows/experiments org.scrollwork.experiments.reconstruction.FinetuneExperiment DIR [STEPS] [BASE_STEPS] [CROP] [WIDTH] [DEPTH] [BATCH] [EVAL_EVERY] [bits|geometry]</pre>
 * With {@code geometry} both runs read indices through the geometry embedding (its defaults, peak learning rate
 * {@link org.scrollwork.pipeline.run.RunConfig#LR}); scroll B lies in a frame of its own (another scroll id), so its grid rows start
 * fresh in both runs and only the network and the channel embedding carry over.
 */
public final class FinetuneExperiment {
    private FinetuneExperiment() {}

    /** Held-out bytes scored per evaluation, evenly spread over B's held-out slices (the same ones for both runs). */
    static final int EVAL_SAMPLES = 8192;

    static final String TEXT_B = "Μῆνιν ἄειδε θεὰ Πηληϊάδεω Ἀχιλῆος οὐλομένην, ἣ μυρί᾽ Ἀχαιοῖς ἄλγε᾽ ἔθηκε, πολλὰς δ᾽ ἰφθίμους ψυχὰς "
            + "Ἄϊδι προΐαψεν ἡρώων, αὐτοὺς δὲ ἑλώρια τεῦχε κύνεσσιν οἰωνοῖσί τε πᾶσι, Διὸς δ᾽ ἐτελείετο βουλή, ἐξ οὗ δὴ τὰ πρῶτα "
            + "διαστήτην ἐρίσαντε Ἀτρεΐδης τε ἄναξ ἀνδρῶν καὶ δῖος Ἀχιλλεύς.";

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/finetune-experiment");
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int baseSteps = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int crop = args.length > 3 ? Integer.parseInt(args[3]) : 48;
        int width = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        int depth = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        int batch = args.length > 6 ? Integer.parseInt(args[6]) : 256;
        int evalEvery = args.length > 7 ? Integer.parseInt(args[7]) : Math.max(1, steps / 16);
        boolean geometry = args.length > 8 && args[8].equals("geometry");
        double lr = geometry ? TrainingDefaults.LR : 2e-3;
        deleteTree(dir);
        Files.createDirectories(dir);
        long t0 = System.nanoTime();

        Volume<?> a = region(PhantomGenerator.generate(PhantomConfig.defaults()), crop);
        Volume<?> b = region(PhantomGenerator.generate(PhantomConfig.defaults().withSeed(2).withText(TEXT_B)), crop);
        AunnConfig base = AunnConfig.defaults().withShape(width, depth).withBatchSize(batch).withOptim(lr, 50, baseSteps, 0.0).withSeed(1);
        if (geometry) base = base.withEncoding(org.scrollwork.aunn.model.EncodingSpec.geometry(org.scrollwork.aunn.model.GeometrySpec.defaults()));
        AunnConfig tune = base.withOptim(lr, 50, steps, 0.0);
        TrainingRun.Options baseOpts = new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, baseSteps, baseSteps, 4096);
        TrainingRun.Options opts = new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, evalEvery, steps, EVAL_SAMPLES);

        try (Corpus corpus = Corpus.create(dir.resolve("corpus"), new CorpusOptions(24))) {
            corpus.appendVolume(a);
            TrainingRun.Metrics bm = TrainingRun.run(corpus, base, dir.resolve("base"), baseOpts, m -> { });
            double baseSeconds = (System.nanoTime() - t0) / 1e9;
            Path baseSnap = dir.resolve("base").resolve(TrainingRun.SNAPSHOT);
            CorpusRecord rb = corpus.appendVolume(b);
            SliceReconstruction.holdOutOddSlices(corpus, rb.id());
            FinetuneSource source = new FinetuneSource(corpus, rb.id() - 1, rb.id() + 1, 0, 1);

            List<double[]> ft = new ArrayList<>();
            List<double[]> scratch = new ArrayList<>();
            ft.add(new double[] {0, initialBits(tune, source, baseSnap)});
            scratch.add(new double[] {0, initialBits(tune, source, null)});
            long t1 = System.nanoTime();
            TrainingRun.run(source, tune, dir.resolve("finetune"), opts.withInitialWeights(baseSnap), m -> ft.add(new double[] {m.step(), m.heldOutBits()}));
            double ftSeconds = (System.nanoTime() - t1) / 1e9;
            long t2 = System.nanoTime();
            TrainingRun.run(source, tune, dir.resolve("scratch"), opts, m -> scratch.add(new double[] {m.step(), m.heldOutBits()}));
            double scratchSeconds = (System.nanoTime() - t2) / 1e9;

            System.out.printf("Scroll A: %s voxels of phantom seed 1 (Apology), base AUNN %dx%d trained %d steps: train %.3f bits/byte (%.0f s incl. phantoms)%n",
                    shape(a), width, depth, baseSteps, bm.trainBits(), baseSeconds);
            System.out.printf("Scroll B: %s voxels of phantom seed 2 (Iliad) appended as records %d..%d; odd z slices held out (%d bytes, %d scored per evaluation); "
                    + "train on B only (%d TRAIN bytes), batch %d, lr %s, seed 1, %s embedding%n%n", shape(b), rb.id() - 1, rb.id(), source.count(Role.HELD_OUT),
                    Math.min(EVAL_SAMPLES, source.count(Role.HELD_OUT)), source.count(Role.TRAIN), batch, lr, geometry ? "geometry" : "bits");
            System.out.println("| step | finetuned from A: held-out bits/byte on B | from scratch: held-out bits/byte on B |");
            System.out.println("|---:|---:|---:|");
            for (int i = 0; i < ft.size(); i++) {
                System.out.printf("| %d | %.3f | %.3f |%n", (long) ft.get(i)[0], ft.get(i)[1], scratch.get(i)[1]);
            }
            double target = scratch.get(scratch.size() - 1)[1];
            double ftSteps = stepsToReach(ft, target);
            System.out.println();
            if (Double.isNaN(ftSteps)) {
                System.out.printf("Headline: the finetune did not reach the scratch run's final %.3f bits/byte within %d steps.%n", target, steps);
            } else {
                System.out.printf("Headline: scratch reaches %.3f bits/byte at step %d; the finetune reaches it at step %.0f: %.1fx fewer steps.%n",
                        target, steps, ftSteps, steps / Math.max(ftSteps, 1e-9));
            }
            double reverse = stepsToReach(scratch, ft.get(ft.size() - 1)[1]);
            System.out.printf("Finetune ends at %.3f bits/byte; scratch %s.%n", ft.get(ft.size() - 1)[1],
                    Double.isNaN(reverse) ? "never gets there within " + steps + " steps" : String.format("gets there at step %.0f", reverse));
            System.out.printf("Wall time: finetune %.0f s, scratch %.0f s, total %.0f s%n", ftSeconds, scratchSeconds, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Held-out bits per byte of the model before any step: the base's weights, or the seed's random init. */
    private static double initialBits(AunnConfig config, FinetuneSource source, Path weights) {
        try (AunnModel model = new AunnModel(config.withIndexBits(source.indexBits()).withLayout(source.layout())); AunnTrainer trainer = new AunnTrainer(model)) {
            if (weights != null) Snapshot.restore(weights, trainer, source.fingerprint(), Snapshot.Mode.FINETUNE);
            return Evaluator.bitsPerByte(model, source, TrainingRun.spread(source, Role.HELD_OUT, EVAL_SAMPLES), 4096);
        }
    }

    /** First step (linear interpolation between points) at which the curve is at or below {@code target}; NaN if never. */
    static double stepsToReach(List<double[]> curve, double target) {
        if (curve.get(0)[1] <= target) return curve.get(0)[0];
        for (int i = 1; i < curve.size(); i++) {
            double[] p = curve.get(i - 1), q = curve.get(i);
            if (q[1] <= target) return p[0] + (q[0] - p[0]) * (p[1] - target) / (p[1] - q[1]);
        }
        return Double.NaN;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Volume<?> region(Phantom p, int crop) {
        Volume<?> scan = p.fine().scans().get(0);
        long[] s = scan.shape();
        long cx = Math.min(crop, s[0]), cy = Math.min(crop, s[1]), cz = Math.min(crop / 2, s[2]);
        long x0 = (s[0] - cx) / 2, y0 = (s[1] - cy) / 2, z0 = (s[2] - cz) / 2;
        return new Volume(Views.zeroMin(Views.interval(scan.image(), new long[] {x0, y0, z0}, new long[] {x0 + cx - 1, y0 + cy - 1, z0 + cz - 1})),
                scan.meta());
    }

    private static String shape(Volume<?> v) {
        long[] s = v.shape();
        return s[0] + "×" + s[1] + "×" + s[2];
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
