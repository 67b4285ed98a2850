package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
                "ingest (a centred crop into corpus/, every second z slice held out; with --text, the transcription in papyrus form with",
                "spans of letters held out), train (train/, an AUNN), distill (with a text: the Greek language prior, an n-gram counted",
                "on the cached SBLGNT or else on the text's visible letters, into train/distilled.aunn), render (renders/: the region as",
                "TIFF and OME-Zarr, the text read with and without the prior, and with --letters/--truth the reading as a letter label",
                "volume over the scan), evaluate (held-out slices against interpolation, hidden letters against the text) and report",
                "(report/report.html). DIR also gets run-config.json, run.log, metrics.jsonl and stages/. Rerunning the same command",
                "skips finished stages and resumes an interrupted one (training from its last snapshot)."})
public final class RunCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    @Parameters(index = "0", paramLabel = "SCAN", description = "scan file or folder") Path scan;

    @Option(names = "--out", required = true, description = "run directory (a new one, or one to continue)") Path out;

    @Option(names = "--level", defaultValue = "0", description = "resolution level of a pyramid (default ${DEFAULT-VALUE})") int level;

    @Option(names = "--crop", defaultValue = "64", description = "edge of the region the AUNN learns, in voxels (default ${DEFAULT-VALUE}; z gets half)") int crop;

    @Option(names = "--steps", defaultValue = "1500", description = "training steps (default ${DEFAULT-VALUE})") int steps;

    @Option(names = "--width", defaultValue = "256", description = "MLP width (default ${DEFAULT-VALUE})") int width;

    @Option(names = "--depth", defaultValue = "4", description = "residual blocks (default ${DEFAULT-VALUE})") int depth;

    @Option(names = "--batch", defaultValue = "1024", description = "batch size (default ${DEFAULT-VALUE})") int batch;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})") long seed;

    @Option(names = "--text", paramLabel = "FILE", description = "a Greek transcription of the scroll (UTF-8): read back, distilled, scored") Path text;

    @Option(names = "--letters", paramLabel = "VOLUME", description = "a letter label volume aligned with the scan (0 = no ink, 1..24 = Α..Ω), e.g. a phantom's letters-4um") Path letters;

    @Option(names = "--truth", paramLabel = "JSON", description = "the phantom ground truth (groundtruth.json) placing each letter of --text; with --letters: the text overlay") Path truth;

    @Option(names = "--distill-steps", defaultValue = "300", description = "distillation steps (default ${DEFAULT-VALUE})") int distillSteps;

    @Override public Integer call() {
        RunConfig config = RunConfig.of(scan, level, crop, steps, seed).withModel(width, depth, batch, 2e-3).withDistill(distillSteps, 5e-4)
                .withText(text, letters, truth);
        PrintWriter human = json.human(spec);
        PipelineRun.Outcome o = PipelineRun.run(out, config, new CliRunListener(human));
        printScores(human, o);
        human.println("Report (open in a browser): " + o.report().toAbsolutePath());
        return json.emit(spec, outcome(o));
    }

    /** The held-out-slice scores of a run's evaluate stage as a table. */
    static void printScores(PrintWriter out, PipelineRun.Outcome o) {
        com.fasterxml.jackson.databind.JsonNode e = o.stages().get("evaluate");
        if (e == null || !e.has("scores")) return;
        out.println();
        out.printf("Held-out slices %s (%d voxels):%n", o.stages().get("ingest").get("heldOutSlices"), e.get("heldOutVoxels").asLong());
        out.println("| method    | PSNR dB | SSIM   |");
        out.println("|-----------|--------:|-------:|");
        for (com.fasterxml.jackson.databind.JsonNode s : e.get("scores")) {
            out.printf("| %-9s | %7.2f | %6.4f |%n", s.get("method").asText(), s.get("psnrDb").asDouble(), s.get("ssim").asDouble());
        }
    }

    /** The JSON of a pipeline run: directory, report, and each stage's marker. */
    static ObjectNode outcome(PipelineRun.Outcome o) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("runDirectory", o.directory().toAbsolutePath().toString());
        n.put("report", o.report().toAbsolutePath().toString());
        ObjectNode stages = n.putObject("stages");
        o.stages().forEach(stages::set);
        return n;
    }
}
