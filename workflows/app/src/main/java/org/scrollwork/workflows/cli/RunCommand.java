package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanSource;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.ink.InkResult;
import org.scrollwork.pipeline.ink.InkRun;
import org.scrollwork.pipeline.ink.LabelBox;
import org.scrollwork.pipeline.run.CentredBox;
import org.scrollwork.pipeline.run.EvaluateResult;
import org.scrollwork.pipeline.run.HeldOutPattern;
import org.scrollwork.pipeline.run.HoldOutAxis;
import org.scrollwork.pipeline.run.IngestResult;
import org.scrollwork.pipeline.run.PipelineRun;
import org.scrollwork.pipeline.run.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scrollwork run SCAN --out DIR}: the whole pipeline on a researcher's own scan, from file to report (restartable). */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Runs the whole pipeline on your scan, from file to report (restartable).",
        description = {"Runs the pipeline on your scan (any supported format, uint8 or uint16) in a run directory, stage by stage:",
                "ingest (a centred crop, the --box or --center/--size into corpus/, every second z slice held out, or all but every K-th with",
                "--hold-out planes:K; with --text, the transcription in papyrus form with",
                "spans of letters held out), train (train/, an AUNN), distill (with a text: the Greek language prior, an n-gram counted",
                "on the SBLGNT, fetched from Debian's bibledit-data on first use and cached, or, when it cannot be had, on the text's",
                "visible letters, into train/distilled.aunn), render (renders/: the region as",
                "TIFF and OME-Zarr, the text read with and without the prior, and with --letters/--truth the reading as a letter label",
                "volume over the scan), evaluate (held-out slices against interpolation, hidden letters against the text) and report",
                "(report/report.html). DIR also gets run-config.json, run.log, metrics.jsonl and stages/. Rerunning the same command",
                "skips finished stages and resumes an interrupted one (training from its last snapshot)."})
public final class RunCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    @Parameters(index = "0", paramLabel = "SCAN", converter = ScanSourceConverter.class, description = "scan file or folder, a volume package (.volpkg or its "
            + "volumes/), a segment folder (its layers/), or the http(s):// URL of an OME-Zarr store (only the chunks of the region are fetched, and cached in ~/.cache/scrollwork/zarr)") ScanSource scan;

    @Mixin VolumeChoice volume;

    @Option(names = "--out", required = true, description = "run directory (a new one, or one to continue)") Path out;

    @Option(names = "--level", defaultValue = "0", description = "resolution level of a pyramid (default ${DEFAULT-VALUE})") int level;

    @Option(names = "--crop", defaultValue = "64", description = "edge of the centred region the AUNN learns, in voxels (default ${DEFAULT-VALUE}; z gets half)") int crop;

    @Option(names = "--box", split = ",", paramLabel = "X0,Y0,Z0,X1,Y1,Z1", description = "the region the AUNN learns instead of the centred "
            + "crop, in voxels of --level, ends exclusive (e.g. 0,0,0,64,64,32); it must lie inside the volume") long[] box;

    @Option(names = "--center", split = ",", paramLabel = "X,Y,Z", description = "with --size, instead of --box: the region's centre voxel, "
            + "in voxels of --level (the box is X - W/2 to X - W/2 + W, W/2 rounded down, and likewise along y and z; it must lie inside the volume)") long[] center;

    @Option(names = "--size", split = ",", paramLabel = "W,H,D", description = "with --center: the region's width, height and depth in voxels "
            + "(e.g. --center 512,512,300 --size 64,64,32)") long[] size;

    @Option(names = "--hold-out-axis", paramLabel = "z|y|x", defaultValue = "z", description = "hold out every second plane (or all but every "
            + "K-th: --hold-out planes:K) along this axis: z slices (default), y rows (e.g. of a single slice: a PNG), x columns") String holdOutAxis;

    @Option(names = "--hold-out", paramLabel = "PATTERN", defaultValue = "planes", description = "what is kept from training and scored: planes "
            + "(default: every second plane along --hold-out-axis), planes:K (K >= 2: the planes with index %% K == 0 are known, the K - 1 "
            + "between two of them held out, one such gap in four for validation; baselines interpolate across the gap; planes:2 = planes), random:F (a seeded fraction 0 < F < 1 of the region's voxels; baseline: "
            + "normalized convolution of the known voxels) or box:X0,Y0,Z0,X1,Y1,Z1 (a box in the region's voxels, ends exclusive: a simulated damaged "
            + "region; baseline: linear interpolation across it along x, y and z, averaged); a random tenth of held-out voxels is the validation set") String holdOut;

    @Option(names = "--steps", defaultValue = "" + TrainingDefaults.STEPS, description = "training steps, at most: training stops earlier once "
            + "--patience evaluations in a row do not improve on the validation slices (default ${DEFAULT-VALUE})") int steps;

    @Option(names = "--width", defaultValue = "" + TrainingDefaults.WIDTH, description = "MLP width (default ${DEFAULT-VALUE})") int width;

    @Option(names = "--depth", defaultValue = "" + TrainingDefaults.DEPTH, description = "residual blocks (default ${DEFAULT-VALUE})") int depth;

    @Option(names = "--batch", defaultValue = "" + TrainingDefaults.BATCH, description = "batch size (default ${DEFAULT-VALUE})") int batch;

    @Option(names = "--lr", defaultValue = "" + TrainingDefaults.LR, description = "peak learning rate (default ${DEFAULT-VALUE})") double lr;

    @Mixin EmbeddingOptions embedding;

    @Option(names = "--patience", defaultValue = "" + TrainingDefaults.PATIENCE, description = "evaluations without a better validation score "
            + "before training stops, 0 = train every step (default ${DEFAULT-VALUE})") int patience;

    @Option(names = "--clean", paramLabel = "VOLUME", description = "a noise-free version of the scan (a phantom's clean-*): held-out slices are "
            + "scored against it too, with the noise ceiling") Path clean;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})") long seed;

    @Option(names = "--text", paramLabel = "FILE", description = "a Greek transcription of the scroll (UTF-8): read back, distilled, scored") Path text;

    @Option(names = "--letters", paramLabel = "VOLUME", description = "a letter label volume aligned with the scan (0 = no ink, 1..24 = Α..Ω), e.g. a phantom's letters-4um") Path letters;

    @Option(names = "--truth", paramLabel = "JSON", description = "the phantom ground truth (groundtruth.json) placing each letter of --text; with --letters: the text overlay") Path truth;

    @Option(names = "--distill-steps", defaultValue = "300", description = "distillation steps (default ${DEFAULT-VALUE})") int distillSteps;

    @Option(names = "--no-fetch", description = "with --text: do not download the SBLGNT for the language prior; use it only when cached, else "
            + "count the prior on the text's own letters (by default it is fetched from Debian's bibledit-data on first use, as 'lm train' does)") boolean noFetch;

    @Option(names = "--task", paramLabel = "auto|ink|reconstruct", defaultValue = "auto", description = "auto (default): the ink task for a "
            + "segment folder with ink labels (the AUNN learns the surface volume and the known labels and predicts the --labels-held-out box, "
            + "scored by F0.5 against a grey threshold), else reconstruction of held-out planes or voxels") String task;

    @Option(names = "--labels-held-out", paramLabel = "X0,Y0,X1,Y1", description = "the ink task: the box of label pixels kept from training "
            + "and scored, ends exclusive (default: the right half)") String labelsHeldOut;

    /** Where the prior's SBLGNT comes from (a stand-in in tests). */
    SblgntSupply sblgntSupply = SblgntSupply.debian();

    @Override public Integer call() {
        if (!scan.isUrl() && SegmentInkRun.isInkTask(scan.path(), parseTask())) return ink();
        HoldOutAxis axis = HoldOutAxis.parse(holdOutAxis);
        HeldOutPattern pattern = HeldOutPattern.parse(holdOut);
        long[] region = CentredBox.resolve(box, center, size);
        CentredBox centred = center == null ? null : CentredBox.of(center, size);
        if (scan.isUrl() && volume.volume != null) throw new IllegalArgumentException("--volume chooses a volume of a local .volpkg, not of a URL");
        RunConfig config = RunConfig.of(scan.isUrl() ? scan : ScanSource.of(volume.resolveScan(scan.path())), level, crop, steps, seed).withModel(width, depth, batch, lr).withDistill(distillSteps, 5e-4)
                .withText(text, letters, truth);
        if (clean != null) config = config.withCleanScan(clean);
        if (region != null) config = config.withBox(region);
        config = config.withHoldOutAxis(axis).withHoldOut(pattern);
        DatasetInfo info = Formats.info(config.scanSource());
        boolean singleSlice = false;
        if (level >= 0 && level < info.levels().size()) { // a bad box or too few slices: say so before the run starts
            if (centred != null) centred.checkInside(info.level(level).shape(), config.scan());
            singleSlice = config.region(info.level(level).shape()).size()[2] == 1;
        }
        config = config.withEncoding(embedding.encoding(axis, singleSlice), patience);
        if (text != null) config = PipelinePrior.choose(config, out, sblgntSupply, !noFetch, spec.commandLine().getErr());
        PrintWriter human = json.human(spec);
        PipelineRun.Outcome o = PipelineRun.run(out, config, new ConsoleProgress(human));
        printScores(human, o);
        human.println("Report (open in a browser): " + o.report().toAbsolutePath());
        return json.emit(spec, outcome(o));
    }

    private SegmentInkRun.Task parseTask() {
        try {
            return SegmentInkRun.Task.valueOf(task.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--task must be auto, ink or reconstruct, not '" + task + "'");
        }
    }

    /** The ink task on a segment folder. */
    private int ink() {
        org.scrollwork.aunn.model.AunnConfig model = TrainingDefaults.config(width, depth, batch, lr, steps, seed)
                .withEncoding(embedding.encoding());
        LabelBox box = labelsHeldOut == null ? null : LabelBox.parse(labelsHeldOut);
        PrintWriter human = json.human(spec);
        InkResult r = InkRun.run(out, new InkRun.Task(scan.path(), box, model, patience, seed), new ConsoleProgress(human));
        SegmentInkRun.print(human, r);
        human.println("Pictures: " + out.resolve(InkRun.OVERLAY).toAbsolutePath() + ", " + out.resolve(InkRun.PREDICTION).toAbsolutePath());
        return json.emit(spec, r);
    }

    /** An SSIM for the table: n/a where it is undefined (planes under 11×11 voxels). */
    private static String ssimCell(double ssim) { return Double.isNaN(ssim) ? "n/a" : String.format(java.util.Locale.ROOT, "%.4f", ssim); }

    /** The held-out-slice scores of a run's evaluate stage as a table (against the scan and, when known, the noise-free scan). */
    static void printScores(PrintWriter out, PipelineRun.Outcome o) {
        EvaluateResult e = o.result(EvaluateResult.class).orElse(null);
        if (e == null || e.scores() == null) return;
        List<EvaluateResult.Score> clean = e.scoresNoiseFree();
        out.println();
        IngestResult in = o.result(IngestResult.class).orElseThrow();
        if (e.holdOut() != null) {
            printVoxelScores(out, e, in);
            return;
        }
        String axis = in.holdOutAxis() == null ? "z" : in.holdOutAxis();
        String planes = HoldOutAxis.parse(axis).planes();
        out.printf("Held-out test %s %s of the region along %s (%d voxels; validation %s %s chose when to stop):%n", planes, json(in.heldOutSlices()),
                axis, e.heldOutVoxels(), planes, json(in.validationSlices()));
        out.println("| method          | PSNR dB, dtype peak | PSNR dB, region range | PSNR dB, material | SSIM   |"
                + (clean == null ? "" : " PSNR dB vs noise-free | SSIM vs noise-free |"));
        out.println("|-----------------|--------------------:|----------------------:|------------------:|-------:|"
                + (clean == null ? "" : "----------------------:|-------------------:|"));
        int i = 0;
        for (EvaluateResult.Score s : e.scores()) {
            double ssim = s.ssim();
            out.printf(java.util.Locale.ROOT, "| %-15s | %19.2f | %21.2f | %17.2f | %6s |", s.method(), s.psnrDb(),
                    orNaN(s.psnrRegionRangeDb()), orNaN(s.psnrMaterialDb()),
                    ssimCell(ssim));
            if (clean != null) out.printf(java.util.Locale.ROOT, " %21.2f | %18s |", clean.get(i).psnrDb(), ssimCell(clean.get(i).ssim()));
            out.println();
            i++;
        }
        int peak = e.psnrPeak() == null ? 255 : e.psnrPeak();
        out.printf(java.util.Locale.ROOT, "PSNR peak: the data type's, %d; the region's data range (largest minus smallest voxel), %.0f.%n",
                peak, orNaN(e.regionDataRange()));
        out.printf(java.util.Locale.ROOT, "Material: the %d held-out voxels above %.1f (Otsu's threshold of the known voxels). SSIM per plane, "
                + "peak %d, averaged (n/a: planes under 11×11 voxels).%n", e.materialVoxels() == null ? 0 : e.materialVoxels(), orNaN(e.materialThreshold()), peak);
        if (clean != null) out.printf("Noise ceiling (the noise-free scan scored against the scan): %.2f dB%n", orNaN(e.noiseCeilingDb()));
        if (e.nlm() != null) {
            out.printf(java.util.Locale.ROOT, "NLM + trilinear: non-local means of the known slices (3×3×3 patches, 11×11×11 window, noise sigma %.2f "
                    + "estimated on them, h = %.1f sigma: %s), then trilinear interpolation.%n", e.nlm().noiseSigma(), e.nlm().hOverSigma(),
                    e.nlm().validationPsnrDb() == null ? e.nlm().hChosenOn() : "chosen on the validation " + planes + " from " + e.nlm().candidates());
        }
    }

    /** The held-out-voxel scores (--hold-out random:F or box:…): PSNR and mean absolute error, AUNN beside the pattern's baseline. */
    private static void printVoxelScores(PrintWriter out, EvaluateResult e, IngestResult in) {
        List<EvaluateResult.Score> clean = e.scoresNoiseFree();
        out.printf("Held-out test voxels, --hold-out %s: %d voxels (validation: %d more voxels chose when to stop); baseline: %s from the trained voxels:%n",
                e.holdOut(), e.heldOutVoxels(), in.validationVoxels() == null ? 0 : in.validationVoxels(), e.baseline());
        out.println("| method                 | PSNR dB, dtype peak | PSNR dB, region range | PSNR dB, material | MAE    |"
                + (clean == null ? "" : " PSNR dB vs noise-free | MAE vs noise-free |"));
        out.println("|------------------------|--------------------:|----------------------:|------------------:|-------:|"
                + (clean == null ? "" : "----------------------:|------------------:|"));
        for (int i = 0; i < e.scores().size(); i++) {
            EvaluateResult.Score s = e.scores().get(i);
            out.printf(java.util.Locale.ROOT, "| %-22s | %19.2f | %21.2f | %17.2f | %6.1f |", s.method(), s.psnrDb(), orNaN(s.psnrRegionRangeDb()),
                    orNaN(s.psnrMaterialDb()), orNaN(s.maeLevels()));
            if (clean != null) out.printf(java.util.Locale.ROOT, " %21.2f | %17.1f |", clean.get(i).psnrDb(), orNaN(clean.get(i).maeLevels()));
            out.println();
        }
        int peak = e.psnrPeak() == null ? 255 : e.psnrPeak();
        out.printf(java.util.Locale.ROOT, "PSNR peak: the data type's, %d; the region's data range (largest minus smallest voxel), %.0f.%n", peak, orNaN(e.regionDataRange()));
        out.printf(java.util.Locale.ROOT, "Material: the %d held-out voxels above %.1f (Otsu's threshold of the known voxels). MAE in grey levels; "
                + "no SSIM (its window needs whole planes of test voxels).%n", e.materialVoxels() == null ? 0 : e.materialVoxels(), orNaN(e.materialThreshold()));
        if (clean != null) out.printf("Noise ceiling (the noise-free scan scored against the scan): %.2f dB%n", orNaN(e.noiseCeilingDb()));
    }

    private static double orNaN(Double d) { return d == null ? Double.NaN : d; }

    /** Slice numbers as in the marker ({@code [1,3,5]}); empty when the marker has none. */
    private static String json(List<Integer> slices) {
        return slices == null ? "" : "[" + slices.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")) + "]";
    }

    /** The JSON of a pipeline run: directory, report, and each stage's marker. */
    static ObjectNode outcome(PipelineRun.Outcome o) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("runDirectory", o.directory().toAbsolutePath().toString());
        n.put("report", o.report().toAbsolutePath().toString());
        ObjectNode stages = n.putObject("stages");
        o.stages().forEach((name, marker) -> stages.set(name, marker.toJson()));
        return n;
    }
}
