package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Mixin;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.pipeline.SliceReconstruction;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.eval.HeldOutSliceEvaluation;
import org.scrollwork.pipeline.report.ReconstructionReport;
import org.scrollwork.pipeline.report.ReportFacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scrollwork eval}: scores a trained AUNN on a record's held-out slices against interpolation and writes the report. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        header = "Scores held-out slices against interpolation and writes the report.",
        description = {"Scores a trained AUNN's reconstruction of the held-out z slices of a volume record (see: scrollwork mask)",
                "against trilinear and tricubic interpolation from the other slices and non-local means + trilinear (PSNR, SSIM), and writes renders (TIFF),",
                "plots (PNG), evaluation.json and report.html into the report directory."})
public final class EvalCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--corpus", required = true, description = "corpus directory") Path corpusDir;

    @Option(names = "--run", required = true, description = "training run directory (its model.aunn and metrics.jsonl)") Path run;

    @Option(names = "--record", required = true, description = "volume record id") int record;

    @Option(names = "--report", description = "report directory (default: <run>/report)") Path report;

    @Mixin JsonOutput json;

    @Override public Integer call() throws Exception {
        try (Corpus corpus = Corpus.open(corpusDir); TrainedModel trained = TrainedModel.load(run, corpus)) {
            CorpusRecord r = corpus.record(record);
            List<Integer> held = SliceReconstruction.heldOutSlices(corpus, record);
            if (held.isEmpty()) {
                throw new IllegalArgumentException("record " + record + " has no held-out slices; mark some with: scrollwork mask "
                        + corpusDir + " --record " + record + " --box 0,0,Z," + r.shape().x() + "," + r.shape().y() + ",Z+1 --heldout");
            }
            List<Integer> validation = SliceReconstruction.validationSlices(corpus, record);
            HeldOutSliceEvaluation.Result result = HeldOutSliceEvaluation.evaluate(trained.model(), corpus, record, held, validation, null);
            ReportFacts facts = new ReportFacts.Eval(corpusDir.toAbsolutePath().toString(), record, r.shape().toString(),
                    run.resolve(TrainingRun.SNAPSHOT).toAbsolutePath().toString(), trained.step());
            Path dir = report != null ? report : run.resolve("report");
            Path html = ReconstructionReport.write(dir, run, result, r.meta().toScanMetadata(r.dataType()), facts);
            printTable(json.human(spec), result);
            json.human(spec).println("Report: " + html.toAbsolutePath());
            ObjectNode j = json.object();
            j.set("scores", Json.MAPPER.valueToTree(result.scores()));
            j.set("heldOutSlices", Json.MAPPER.valueToTree(result.heldOutSlices()));
            j.set("validationSlices", Json.MAPPER.valueToTree(validation));
            j.set("nlm", Json.MAPPER.valueToTree(result.nlm()));
            j.put("heldOutVoxels", result.heldOutVoxels());
            j.put("report", html.toString());
            j.put("evaluation", dir.resolve(ReconstructionReport.EVALUATION).toString());
            return json.emit(spec, j);
        }
    }

    static void printTable(java.io.PrintWriter out, HeldOutSliceEvaluation.Result result) {
        out.printf("Held-out slices %s (%d voxels):%n", result.heldOutSlices(), result.heldOutVoxels());
        out.println("| method          | PSNR dB | SSIM   |");
        out.println("|-----------------|--------:|-------:|");
        for (HeldOutSliceEvaluation.Score s : result.scores()) out.printf("| %-15s | %7.2f | %6.4f |%n", s.method(), s.psnrDb(), s.ssim());
        HeldOutSliceEvaluation.NlmChoice n = result.nlm();
        out.printf(java.util.Locale.ROOT, "%s: non-local means of the known slices (3×3×3 patches, 11×11×11 window, noise sigma %.2f estimated on them, "
                + "h = %.1f sigma, %s), then trilinear interpolation.%n", HeldOutSliceEvaluation.NLM, n.sigma(), n.hOverSigma(),
                n.chosenOnValidation() ? "chosen on the validation slices" : "the default: no validation slices");
    }
}
