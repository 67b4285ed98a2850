package org.scrollwork.scaleout;

import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.scrollwork.workflows.finetune.FinetuneJob;
import org.scrollwork.workflows.finetune.FinetuneSpec;

/**
 * Per-scroll finetune jobs ({@link FinetuneSpec} YAML files) as Spark tasks, one job per task. Each task reads its
 * spec on the executor (paths must be visible there: a shared filesystem on a cluster) and runs
 * {@link FinetuneJob#run}, which reads the base snapshot (never writes it, and checks its SHA-256), trains in the
 * job's own directory under the job lock, and snapshots as it goes. A task that fails is retried by Spark; the
 * retry resumes from the job's last snapshot and ends at the same model as an uninterrupted run. Training runs
 * in the executor's {@link TrainingSlot}.
 */
public final class SparkFinetune {
    private SparkFinetune() {}

    /**
     * How one job ended.
     *
     * @param attempt the task attempt that finished it (0 = first try)
     */
    public record Outcome(String spec, String output, long step, double trainBits, double heldOutBits, String stopReason, boolean resumed,
                          int attempt) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Runs every job (specs are YAML files) and returns their outcomes in the order given. */
    public static List<Outcome> run(JavaSparkContext sc, List<Path> specs, TaskFault fault) {
        List<String> files = new ArrayList<>();
        for (Path p : specs) files.add(p.toAbsolutePath().normalize().toString());
        List<Integer> jobs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) jobs.add(i);
        return sc.parallelize(jobs, Math.max(1, jobs.size())).map(i -> runOne(i, files.get(i), fault)).collect();
    }

    private static Outcome runOne(int job, String specFile, TaskFault fault) throws Exception {
        TaskContext ctx = TaskContext.get();
        int attempt = ctx == null ? 0 : ctx.attemptNumber();
        FinetuneSpec spec = FinetuneSpec.read(Path.of(specFile));
        return TrainingSlot.call(() -> {
            PrintWriter log = new PrintWriter(System.err, true);
            FinetuneJob.Result r = FinetuneJob.run(spec, log, m -> fault.check(job, attempt, m.step()));
            log.flush();
            var m = r.metrics();
            return new Outcome(specFile, spec.output().toString(), m == null ? -1 : m.step(), m == null ? Double.NaN : m.trainBits(),
                    m == null ? Double.NaN : m.heldOutBits(), r.stopReason(), r.resumed(), attempt);
        });
    }
}
