package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Mixin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.workflows.finetune.FinetuneJob;
import org.scrollwork.workflows.finetune.FinetuneSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scrollwork finetune JOB.yaml}: a per-scroll incremental finetune job (restartable). */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        header = "Finetunes a trained AUNN on a new scroll from a YAML job spec.",
        description = {"Finetunes a trained AUNN on a new scroll, as described by a YAML job spec (see workflows/scripts/finetune-job.yaml):",
                "appends the new scans to the corpus (once), then trains in the job's own directory from the base snapshot's weights",
                "on the new records (plus an optional replay fraction of old ones). The base snapshot is never written; its checksum is",
                "checked on every run. Rerunning after a kill resumes from the job's latest snapshot. One run per job directory at a time."})
public final class FinetuneCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    @Parameters(paramLabel = "JOB.yaml", description = "job spec") Path jobFile;

    @Override public Integer call() {
        FinetuneSpec job = FinetuneSpec.read(jobFile);
        PrintWriter out = json.human(spec);
        int max = job.budget().steps().orElse(Integer.MAX_VALUE);
        FinetuneJob.Result r;
        TrainingRun.ResumePoint from = TrainingRun.resumePoint(job.output());
        long total = job.budget().steps().isPresent() ? max : -1;
        try (var task = new ConsoleProgress(out).start("finetune", from.step(), total, from.seconds())) {
            r = FinetuneJob.run(job, out, m -> task.advance(m.step(), total, String.format(" train %.2f held-out %s b/B", m.trainBits(),
                    Double.isNaN(m.heldOutBits()) ? "-" : String.format("%.2f", m.heldOutBits()))));
        }
        TrainingRun.Metrics m = r.metrics();
        if (m == null) {
            out.printf("finetune %s: %s; nothing to do%n", job.output(), r.stopReason());
        } else {
            out.printf("finetune %s: step %d (%s): train %.3f bits/byte, held-out %s bits/byte on records %d..%d; snapshot %s%n", job.output(), m.step(),
                    r.stopReason(), m.trainBits(), Double.isNaN(m.heldOutBits()) ? "n/a" : String.format("%.3f", m.heldOutBits()), r.firstRecord(),
                    r.endRecord(), job.output().resolve(TrainingRun.SNAPSHOT));
        }
        ObjectNode j = json.object();
        j.put("job", jobFile.toString());
        j.put("output", job.output().toString());
        j.put("stopReason", String.valueOf(r.stopReason()));
        j.put("firstRecord", r.firstRecord());
        j.put("endRecord", r.endRecord());
        if (m != null) TrainCommand.metrics(j, m, job.output());
        return json.emit(spec, j);
    }
}
