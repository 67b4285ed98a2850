package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.scrollwork.pipeline.TrainingDefaults;
import picocli.CommandLine.Mixin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.BodySpec;
import org.scrollwork.aunn.model.EncodingSpec;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.workflows.app.TrainingService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scrollwork train}: trains an AUNN on a corpus in a run directory (restartable). */
@Command(name = "train", mixinStandardHelpOptions = true,
        header = "Trains an AUNN on a corpus (restartable).",
        description = {"Trains an AUNN (index bits -> byte) on a corpus's trainable bytes. Held-out bytes are never trained and are",
                "scored at every evaluation. The run directory gets the config, metrics.jsonl and model.aunn; rerunning resumes."})
public final class TrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    @Option(names = "--corpus", required = true, description = "corpus directory") Path corpusDir;

    @Option(names = "--run", required = true, description = "run directory") Path runDir;

    @Option(names = "--steps", defaultValue = "" + TrainingDefaults.STEPS, description = "total steps (default ${DEFAULT-VALUE})") int steps;

    @Option(names = "--width", defaultValue = "" + TrainingDefaults.WIDTH, description = "MLP width (default ${DEFAULT-VALUE})") int width;

    @Option(names = "--depth", defaultValue = "" + TrainingDefaults.DEPTH, description = "residual blocks (default ${DEFAULT-VALUE})") int depth;

    @Option(names = "--batch", defaultValue = "" + TrainingDefaults.BATCH, description = "batch size (default ${DEFAULT-VALUE})") int batch;

    @Option(names = "--lr", defaultValue = "" + TrainingDefaults.LR, description = "peak learning rate (default ${DEFAULT-VALUE})") double lr;

    @Option(names = "--schedule", defaultValue = "SHUFFLED",
            description = "index schedule: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})") TrainingRun.ScheduleName schedule;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})") long seed;

    @Option(names = "--eval-every", defaultValue = "0", description = "steps between evaluations (default: a twentieth of --steps)") int evalEvery;

    @Option(names = "--patience", defaultValue = "0",
            description = "stop after this many evaluations without held-out improvement, keeping best.aunn (default ${DEFAULT-VALUE}: off)")
    int patience;

    @Option(names = "--body", defaultValue = "mlp",
            description = "feed-forward part of each block: mlp (dense) or moe (sigma-MoE, top-k routed experts) (default ${DEFAULT-VALUE})") String body;

    @Option(names = "--experts", defaultValue = "8", description = "with --body moe: number of experts (default ${DEFAULT-VALUE})") int experts;

    @Option(names = "--top-k", defaultValue = "2", description = "with --body moe: experts used per index (default ${DEFAULT-VALUE})") int topK;

    @Option(names = "--expert-width", defaultValue = "0",
            description = "with --body moe: hidden width of each expert (default 0: width / experts, parameter-equal with the dense MLP)") int expertWidth;

    @Option(names = "--expert-dropout", defaultValue = "0", description = "with --body moe: expert dropout probability (default ${DEFAULT-VALUE})") double expertDropout;

    @Mixin EmbeddingOptions embedding;

    @Override public Integer call() {
        BodySpec bodySpec = body(body, width, experts, topK, expertWidth, expertDropout);
        try (Corpus corpus = Corpus.open(corpusDir)) {
            AunnConfig model = config(width, depth, batch, lr, steps, seed, bodySpec, embedding.encoding());
            TrainingRun.Metrics m = train(corpus, model, runDir, TrainingDefaults.options(model, schedule, TrainingDefaults.evalEvery(steps, evalEvery), patience),
                    json.human(spec));
            json.human(spec).printf("step %d: train %.3f bits/byte, held-out %s bits/byte; snapshot %s%n", m.step(), m.trainBits(),
                    Double.isNaN(m.heldOutBits()) ? "n/a" : String.format("%.3f", m.heldOutBits()), runDir.resolve(TrainingRun.SNAPSHOT));
            return json.emit(spec, metrics(json.object(), m, runDir));
        }
    }

    /**
     * The model a training starts from ({@code scrollwork train}, {@code scrollwork spark train}): {@link TrainingDefaults#config}
     * with this body and embedding.
     */
    public static AunnConfig config(int width, int depth, int batch, double lr, int steps, long seed, BodySpec body, EncodingSpec encoding) {
        return TrainingDefaults.config(width, depth, batch, lr, steps, seed).withBody(body).withEncoding(encoding);
    }

    /** Training metrics as JSON: step, bits per byte (held-out null when there is none), seconds, snapshot. */
    static ObjectNode metrics(ObjectNode j, TrainingRun.Metrics m, Path runDir) {
        j.put("run", runDir.toString());
        j.put("snapshot", runDir.resolve(TrainingRun.SNAPSHOT).toString());
        j.put("metrics", runDir.resolve(TrainingRun.METRICS).toString());
        j.put("step", m.step());
        j.put("trainBitsPerByte", m.trainBits());
        if (Double.isNaN(m.heldOutBits())) j.putNull("heldOutBitsPerByte");
        else j.put("heldOutBitsPerByte", m.heldOutBits());
        j.put("seconds", m.seconds());
        return j;
    }

    /**
     * The body {@code --body} names: {@code mlp}, or {@code moe} with the given experts ({@code expertWidth <= 0}:
     * {@code max(1, width / experts)}, parameter-equal with the dense MLP).
     *
     * @throws IllegalArgumentException naming the option when a value is invalid
     */
    public static BodySpec body(String kind, int width, int experts, int topK, int expertWidth, double expertDropout) {
        return switch (kind.toLowerCase(java.util.Locale.ROOT)) {
            case "mlp", "dense" -> BodySpec.mlp();
            case "moe" -> {
                try {
                    yield BodySpec.moe(experts, topK, expertWidth > 0 ? expertWidth : Math.max(1, width / Math.max(1, experts)), expertDropout);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--body moe: " + e.getMessage(), e);
                }
            }
            default -> throw new IllegalArgumentException("--body must be mlp or moe, not '" + kind + "'");
        };
    }

    /** Trains {@code config}'s {@link AunnConfig#totalSteps()} steps with a progress bar on stderr-like output. */
    public static TrainingRun.Metrics train(Corpus corpus, AunnConfig config, Path runDir, TrainingRun.Options opts, PrintWriter out) {
        TrainingRun.ResumePoint from = TrainingService.resumePoint(runDir);
        try (var task = new ConsoleProgress(out).start("train", from.step(), config.totalSteps(), from.seconds())) {
            return TrainingService.train(corpus, runDir, config, opts, m -> task.advance(m.step(), m.totalSteps(), String.format(" train %.2f held-out %s b/B",
                    m.trainBits(), Double.isNaN(m.heldOutBits()) ? "-" : String.format("%.2f", m.heldOutBits()))));
        }
    }
}
