package org.scrollwork.experiments.reconstruction;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.EncodingSpec;
import org.scrollwork.aunn.model.GeometrySpec;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.PhantomRegions;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.Volume;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.pipeline.report.Plots;
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
 * the same config, seed and steps: one from the base snapshot's weights, one from scratch. Its table holds
 * held-out bits per byte on B against steps for both (also plotted), and the headline: how many steps the finetune
 * needs to reach the bits per byte the scratch run ends at (linear interpolation between evaluation
 * points, step 0 included), as a ratio.
 *
 * <pre>bin/scrollwork experiment finetune-vs-scratch [--set steps=400 --set baseSteps=400 --set crop=48 --set width=64 --set depth=3 --set batch=256 --set evalEvery=25 --set embedding=bits|geometry]</pre>
 * Settings: {@link FinetuneConfig}. With {@code geometry} both runs read indices through the geometry embedding (its
 * defaults, peak learning rate {@link org.scrollwork.pipeline.run.RunConfig#LR}); scroll B lies in a frame of its own
 * (another scroll id), so its grid rows start fresh in both runs and only the network and the channel embedding carry over.
 */
public final class FinetuneExperiment implements Experiment {

    /** Held-out bytes scored per evaluation, evenly spread over B's held-out slices (the same ones for both runs). */
    static final int EVAL_SAMPLES = 8192;

    static final String TEXT_B = "Μῆνιν ἄειδε θεὰ Πηληϊάδεω Ἀχιλῆος οὐλομένην, ἣ μυρί᾽ Ἀχαιοῖς ἄλγε᾽ ἔθηκε, πολλὰς δ᾽ ἰφθίμους ψυχὰς "
            + "Ἄϊδι προΐαψεν ἡρώων, αὐτοὺς δὲ ἑλώρια τεῦχε κύνεσσιν οἰωνοῖσί τε πᾶσι, Διὸς δ᾽ ἐτελείετο βουλή, ἐξ οὗ δὴ τὰ πρῶτα "
            + "διαστήτην ἐρίσαντε Ἀτρεΐδης τε ἄναξ ἀνδρῶν καὶ δῖος Ἀχιλλεύς.";

    @Override public String name() { return "finetune-vs-scratch"; }

    @Override public String summary() {
        return "a new phantom scroll learned by finetuning a base AUNN vs training from scratch: held-out bits/byte against steps";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) throws IOException {
        FinetuneConfig config = FinetuneConfig.from(settings);
        int steps = config.steps(), baseSteps = config.baseSteps();
        double lr = config.lr();
        for (String d : List.of("corpus", "base", "finetune", "scratch")) AtomicFiles.deleteTree(workDir.resolve(d));
        long t0 = System.nanoTime();

        Volume<?> a = PhantomRegions.central(PhantomGenerator.generate(PhantomConfig.defaults()), config.crop());
        Volume<?> b = PhantomRegions.central(PhantomGenerator.generate(PhantomConfig.defaults().withSeed(2).withText(TEXT_B)), config.crop());
        AunnConfig base = AunnConfig.defaults().withShape(config.width(), config.depth()).withBatchSize(config.batch()).withOptim(lr, 50, baseSteps, 0.0).withSeed(1);
        if (config.embedding() == IndexEmbedding.GEOMETRY) base = base.withEncoding(EncodingSpec.geometry(GeometrySpec.defaults()));
        AunnConfig tune = base.withOptim(lr, 50, steps, 0.0);
        TrainingRun.Options baseOpts = new TrainingRun.Options(TrainingDefaults.SCHEDULE, baseSteps, baseSteps, 4096);
        TrainingRun.Options opts = new TrainingRun.Options(TrainingDefaults.SCHEDULE, config.evalEvery(), steps, EVAL_SAMPLES);

        try (Corpus corpus = Corpus.create(workDir.resolve("corpus"), new CorpusOptions(24))) {
            corpus.appendVolume(a);
            progress.log("training the base model on scroll A");
            TrainingRun.Metrics bm = TrainingRun.run(corpus, base, workDir.resolve("base"), baseOpts, m -> { });
            double baseSeconds = (System.nanoTime() - t0) / 1e9;
            Path baseSnap = workDir.resolve("base").resolve(TrainingRun.SNAPSHOT);
            CorpusRecord rb = corpus.appendVolume(b);
            SliceReconstruction.holdOutOddSlices(corpus, rb.id());
            FinetuneSource source = new FinetuneSource(corpus, rb.id() - 1, rb.id() + 1, 0, 1);

            List<double[]> ft = new ArrayList<>();
            List<double[]> scratch = new ArrayList<>();
            ft.add(new double[] {0, initialBits(tune, source, baseSnap)});
            scratch.add(new double[] {0, initialBits(tune, source, null)});
            progress.log("finetuning on scroll B from the base's weights");
            long t1 = System.nanoTime();
            TrainingRun.run(source, tune, workDir.resolve("finetune"), opts.withInitialWeights(baseSnap), m -> ft.add(new double[] {m.step(), m.heldOutBits()}));
            double ftSeconds = (System.nanoTime() - t1) / 1e9;
            progress.log("training on scroll B from scratch");
            long t2 = System.nanoTime();
            TrainingRun.run(source, tune, workDir.resolve("scratch"), opts, m -> scratch.add(new double[] {m.step(), m.heldOutBits()}));
            double scratchSeconds = (System.nanoTime() - t2) / 1e9;

            progress.log(String.format("Scroll A: %s voxels of phantom seed 1 (Apology), base AUNN %dx%d trained %d steps: train %.3f bits/byte (%.0f s incl. phantoms)",
                    shape(a), config.width(), config.depth(), baseSteps, bm.trainBits(), baseSeconds));
            String setup = String.format("Scroll B: %s voxels of phantom seed 2 (Iliad) appended as records %d..%d; odd z slices held out (%d bytes, %d scored per evaluation); "
                    + "train on B only (%d TRAIN bytes), batch %d, lr %s, seed 1, %s embedding", shape(b), rb.id() - 1, rb.id(), source.count(Role.HELD_OUT),
                    Math.min(EVAL_SAMPLES, source.count(Role.HELD_OUT)), source.count(Role.TRAIN), config.batch(), lr, ExperimentConfig.nameOf(config.embedding()));
            ResultTable table = new ResultTable(setup, List.of("step", "finetuned from A: held-out bits/byte on B", "from scratch: held-out bits/byte on B"));
            for (int i = 0; i < ft.size(); i++) table.row((long) ft.get(i)[0], ft.get(i)[1], scratch.get(i)[1]);
            double target = scratch.get(scratch.size() - 1)[1];
            double ftSteps = stepsToReach(ft, target);
            String headline = Double.isNaN(ftSteps)
                    ? String.format("The finetune did not reach the scratch run's final %.3f bits/byte within %d steps.", target, steps)
                    : String.format("Scratch reaches %.3f bits/byte at step %d; the finetune reaches it at step %.0f: %.1fx fewer steps.",
                            target, steps, ftSteps, steps / Math.max(ftSteps, 1e-9));
            double reverse = stepsToReach(scratch, ft.get(ft.size() - 1)[1]);
            headline += String.format(" Finetune ends at %.3f bits/byte; scratch %s.", ft.get(ft.size() - 1)[1],
                    Double.isNaN(reverse) ? "never gets there within " + steps + " steps" : String.format("gets there at step %.0f", reverse));
            double total = (System.nanoTime() - t0) / 1e9;
            progress.log(String.format("Wall time: finetune %.0f s, scratch %.0f s, total %.0f s", ftSeconds, scratchSeconds, total));
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("scratchFinalBitsPerByte", target);
            if (!Double.isNaN(ftSteps)) numbers.put("finetuneStepsToScratchFinal", ftSteps);
            numbers.put("finetuneSeconds", ftSeconds);
            numbers.put("scratchSeconds", scratchSeconds);
            Map<String, BufferedImage> plots = Map.of("finetune-curves", Plots.linePlot("held-out bits per byte on B", "step", "bits/byte",
                    List.of(series("finetuned from A", ft), series("from scratch", scratch))));
            return new ExperimentResult(headline, List.of(table), plots, numbers);
        }
    }

    private static Plots.Series series(String name, List<double[]> curve) {
        return new Plots.Series(name, curve.stream().mapToDouble(p -> p[0]).toArray(), curve.stream().mapToDouble(p -> p[1]).toArray());
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

    private static String shape(Volume<?> v) {
        long[] s = v.shape();
        return s[0] + "×" + s[1] + "×" + s[2];
    }
}
