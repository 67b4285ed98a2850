package org.scrollwork.pipeline.ink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.vesuvius.Segment;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.eval.InkScores;
import org.scrollwork.pipeline.eval.RecordVoxels;
import org.scrollwork.pipeline.run.RegionException;

/**
 * The Vesuvius Challenge's ink task on a segment: the AUNN learns the segment's surface volume and its known ink labels
 * in one list ({@link SegmentCorpus}), and predicts the labels of a held-out box, scored by F0.5 and Dice against a grey
 * threshold. The run directory gets {@code corpus/}, {@code train/} (restartable: a rerun resumes training from its last
 * snapshot), {@value #PREDICTION}, {@value #OVERLAY} and {@value #RESULT}, and {@value #TASK}, which binds the directory to
 * its segment, label box and seed: a rerun with others is refused rather than resumed on the wrong labels.
 */
public final class InkRun {
    public static final String RESULT = "ink.json", PREDICTION = "ink-probability.png", OVERLAY = "ink-overlay.png", TASK = "ink-task.json";
    /** The in-plane smoothings the second baseline chooses among (pixels). */
    static final double[] SMOOTHING_SIGMAS = {1, 2, 4};

    private InkRun() {}

    /**
     * What to run.
     *
     * @param segment  the segment folder ({@code layers/}, {@code <id>_inklabels.png}, optionally {@code <id>_mask.png})
     * @param heldOut  the label box to predict, or null for the right half
     * @param model    the AUNN
     * @param patience evaluations without a better validation score before training stops (0 = never early)
     * @param seed     seed of the validation tiles
     */
    public record Task(Path segment, LabelBox heldOut, AunnConfig model, int patience, long seed) {}

    /** Runs (or continues) the task in {@code dir}. */
    public static InkResult run(Path dir, Task task, Progress progress) {
        Segment segment = Segment.read(task.segment());
        long[] s = segment.surface().shape();
        int nx = Math.toIntExact(s[0]), ny = Math.toIntExact(s[1]), layers = Math.toIntExact(s[2]);
        LabelBox box = task.heldOut() != null ? task.heldOut() : LabelBox.rightHalf(nx, ny);
        SegmentLabels labels = SegmentLabels.split(segment, box, task.seed());
        progress.log(String.format("ink: segment %s, %d×%d pixels × %d layers; labels of %s held out (%d pixels, %d ink), %d trained (%d ink), %d for validation",
                segment.id(), nx, ny, layers, box.spec(), labels.count(Role.HELD_OUT, false), labels.count(Role.HELD_OUT, true),
                labels.count(Role.TRAIN, false), labels.count(Role.TRAIN, true), labels.count(Role.VALIDATION, false)));
        Path corpusDir = dir.resolve("corpus"), trainDir = dir.resolve("train");
        bind(dir, new Binding(task.segment().toAbsolutePath().normalize().toString(), box.spec(), task.seed()));
        boolean resuming = Files.exists(trainDir.resolve(TrainingRun.SNAPSHOT));
        try {
            Files.createDirectories(dir);
            if (!resuming && Files.exists(corpusDir)) AtomicFiles.deleteTree(corpusDir); // an interrupted start: build it again
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        SegmentCorpus sc = resuming ? reopen(corpusDir) : SegmentCorpus.create(corpusDir, segment, labels);
        TrainingRun.Metrics m;
        // Batches drawn with replacement: the ink task stops early, inside its first epoch, where drawing without replacement
        // changes nothing in expectation; on the phantom's segment it scored lower on the test half in 3 of 3 seeds while
        // validation did not separate the two (docs/reconstruction.md, "Batches drawn without replacement").
        TrainingRun.Options opts = TrainingDefaults.options(task.model(), TrainingRun.ScheduleName.RANDOM, task.patience())
                .withStopping(TrainingRun.Stopping.EXPECTED_BYTE_ERROR);
        TrainingRun.ResumePoint from = TrainingRun.resumePoint(trainDir);
        try (Corpus corpus = Corpus.open(corpusDir); Progress.Task bar = progress.start("train", from.step(), task.model().totalSteps(), from.seconds())) {
            m = TrainingRun.run(corpus, task.model(), trainDir, opts, p -> bar.advance(p.step(), p.totalSteps(), String.format(" train %.2f b/B", p.trainBits())));
        }
        double[] p;
        try (TrainedModel tm = TrainedModel.load(trainDir)) {
            p = InkProbability.of(tm.model(), sc.labelRecord(), layers);
        }
        boolean[] ink = new boolean[nx * ny];
        for (int i = 0; i < ink.length; i++) ink[i] = labels.ink(i);
        boolean[] test = labels.select(Role.HELD_OUT), validation = labels.select(Role.VALIDATION), known = labels.select(Role.TRAIN);
        for (int i = 0; i < known.length; i++) known[i] |= validation[i];
        // the threshold from validation pixels the AUNN did not learn; from the trained ones when no validation pixel is ink
        boolean validationHasInk = labels.count(Role.VALIDATION, true) > 0;
        InkThreshold t = InkThreshold.choose(p, ink, validationHasInk ? validation : labels.select(Role.TRAIN));
        if (!validationHasInk) progress.log("ink: no validation pixel is ink; the AUNN's threshold is chosen on the trained pixels");
        InkScores aunn = t.on(p, ink, test);
        double[] surface = RecordVoxels.read(segment.surface());
        GreyThreshold g = GreyThreshold.choose(surface, nx, nx * ny, layers, ink, known, 0);
        InkScores grey = g.on(surface, nx, nx * ny, layers, ink, test);
        GreyThreshold gs = GreyThreshold.choose(surface, nx, nx * ny, layers, ink, known, SMOOTHING_SIGMAS);
        InkScores smoothed = gs.on(surface, nx, nx * ny, layers, ink, test);
        boolean[] predicted = new boolean[p.length];
        for (int i = 0; i < p.length; i++) predicted[i] = p[i] >= t.threshold();
        InkPictures.writeProbability(dir.resolve(PREDICTION), p, nx, ny);
        InkPictures.writeOverlay(dir.resolve(OVERLAY), GreyThreshold.grey(surface, nx * ny, layers, layers / 2), labels, predicted, box);
        InkResult r = new InkResult(segment.id(), new int[] {nx, ny, layers}, box.spec(), labels.count(Role.TRAIN, false), labels.count(Role.VALIDATION, false),
                labels.count(Role.HELD_OUT, false), labels.count(Role.HELD_OUT, true), m.step(), m.seconds(),
                t.chosenOn().f05(), InkResult.Method.of(String.format(java.util.Locale.ROOT, "P(ink) ≥ %.3f", t.threshold()), aunn),
                InkResult.Method.of(g.describe(), grey), InkResult.Method.of(gs.describe(), smoothed),
                PREDICTION, OVERLAY);
        write(dir.resolve(RESULT), r);
        return r;
    }

    /** What a run directory is bound to. */
    record Binding(String segment, String labelBox, long seed) {}

    /**
     * Binds {@code dir} to {@code b} on its first run; refuses a directory bound to something else, or one that holds
     * another kind of run.
     */
    private static void bind(Path dir, Binding b) {
        Path file = dir.resolve(TASK);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            if (Files.exists(file)) {
                Binding was = json.readValue(file.toFile(), Binding.class);
                if (!was.equals(b)) {
                    throw new RegionException(dir + " holds the ink run of " + was.segment() + " with labels " + was.labelBox() + " held out (seed " + was.seed()
                            + "); this one is " + b.segment() + " with " + b.labelBox() + " (seed " + b.seed() + "): give another --out");
                }
                return;
            }
            if (Files.exists(dir.resolve(org.scrollwork.pipeline.run.RunDirectory.CONFIG))) throw new RegionException(dir + " holds a reconstruction run; give another --out for the ink task");
            Files.createDirectories(dir);
            AtomicFiles.writeBytes(file, json.writeValueAsBytes(b));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    private static SegmentCorpus reopen(Path corpusDir) {
        try (Corpus c = Corpus.open(corpusDir)) {
            if (c.records().size() != 2) throw new IllegalStateException(corpusDir + " is not the corpus of an ink run (it has " + c.records().size() + " records)");
            return new SegmentCorpus(c.records().get(0), c.records().get(1), Math.toIntExact(c.records().get(0).shape().z()));
        }
    }

    private static void write(Path file, InkResult r) {
        try {
            AtomicFiles.writeBytes(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(r));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
