package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Mixin;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.distill.DistillOptions;
import org.scrollwork.pipeline.distill.DistillStage;
import org.scrollwork.pipeline.distill.PapyrusRecord;
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharLmConfig;
import org.scrollwork.prior.CharLmTraining;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.PriorModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scrollwork distill}: distils a Greek character language model into a trained AUNN. */
@Command(name = "distill", mixinStandardHelpOptions = true,
        header = "Distils the Greek language prior into a training run's AUNN.",
        description = {"Distils a character language model of Greek into the AUNN of a training run, at every letter of the corpus's",
                "papyrus-form texts: soft next-letter targets (--alpha) and/or the LM as a frozen critic of the AUNN's letters at",
                "held-out and unknown spans (--critic-weight). Reads the run's model.aunn (never writes it) and writes distilled.aunn",
                "and distill-provenance.jsonl (per hidden letter: the AUNN's letter before and after, and the KL between them)."})
public final class DistillCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    @Option(names = "--run", required = true, description = "training run directory holding model.aunn") Path runDir;

    @Option(names = "--corpus", required = true, description = "the corpus the run was trained on (checked against the snapshot)") Path corpusDir;

    @Option(names = "--lm", description = {"language model file (from `scrollwork lm train`): a GRU (targets, critic, embeddings) or an n-gram",
            "(targets only); without it a small GRU (64 units) is trained for --lm-steps on the corpus's visible letters"})
    Path lmFile;

    @Option(names = "--lm-steps", defaultValue = "300", description = "steps of the fallback GRU (default ${DEFAULT-VALUE})") int lmSteps;

    @Option(names = "--alpha", defaultValue = "0.5", description = "teacher weight in the byte targets, 0..1 (default ${DEFAULT-VALUE})") double alpha;

    @Option(names = "--critic-weight", defaultValue = "0", description = "weight of the frozen-LM critic loss (default ${DEFAULT-VALUE}: off)")
    double criticWeight;

    @Option(names = "--embedding-weight", defaultValue = "0",
            description = "weight of the regression onto the LM's hidden state; adds an embedding head if the model has none (default ${DEFAULT-VALUE}: off)")
    double embeddingWeight;

    @Option(names = "--steps", defaultValue = "200", description = "distillation steps (default ${DEFAULT-VALUE})") int steps;

    @Option(names = "--batch", defaultValue = "256", description = "letters per targets step (default ${DEFAULT-VALUE})") int batch;

    @Option(names = "--windows", defaultValue = "32", description = "windows per critic step (default ${DEFAULT-VALUE})") int windows;

    @Option(names = "--lr", defaultValue = "3e-4", description = "learning rate (default ${DEFAULT-VALUE})") double lr;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})") long seed;

    @Override public Integer call() {
        PrintWriter out = json.human(spec);
        DistillOptions opts = new DistillOptions(alpha, embeddingWeight, criticWeight, steps, batch, windows, lr, seed);
        if (!Files.isRegularFile(runDir.resolve(TrainingRun.SNAPSHOT))) {
            throw new IllegalArgumentException("run directory " + runDir + " holds no " + TrainingRun.SNAPSHOT + " (train first)");
        }
        try (Corpus corpus = Corpus.open(corpusDir)) {
            CharModel prior = lmFile != null ? PriorModels.load(lmFile) : fallbackLm(corpus, out);
            try {
                return json.emit(spec, distill(corpus, prior, opts, out));
            } finally {
                PriorModels.close(prior);
            }
        }
    }

    private ObjectNode distill(Corpus corpus, CharModel prior, DistillOptions opts, PrintWriter out) {
        DistillStage.Summary s;
        try (var task = new ConsoleProgress(out).start("distill", steps)) {
            s = DistillStage.run(corpus, runDir, prior, opts, (step, r) -> task.advance(step, steps, String.format(" targets %.2f b/B%s", r.targetBits(),
                    Double.isNaN(r.criticLogLikPerLetter()) ? "" : String.format(" critic %.2f nats/letter", r.criticLogLikPerLetter()))));
        }
        out.printf("%d steps: %d hidden letters, the prior changed the top letter of %d (mean KL %.3f bits); snapshot %s, provenance %s%n",
                s.steps(), s.hiddenLetters(), s.changedTopLetters(), s.meanKlBits(), s.snapshot(), runDir.resolve(DistillStage.PROVENANCE));
        ObjectNode j = json.object();
        j.put("run", runDir.toString());
        j.put("prior", prior.describe());
        j.put("snapshot", s.snapshot().toString());
        j.put("provenance", runDir.resolve(DistillStage.PROVENANCE).toString());
        j.put("steps", s.steps());
        j.put("lastTargetBitsPerByte", s.last().targetBits());
        if (!Double.isNaN(s.last().criticLogLikPerLetter())) j.put("lastCriticLogLikPerLetter", s.last().criticLogLikPerLetter());
        j.put("hiddenLetters", s.hiddenLetters());
        j.put("changedTopLetters", s.changedTopLetters());
        j.put("meanKlBits", s.meanKlBits());
        return j;
    }

    private CharLm fallbackLm(Corpus corpus, PrintWriter out) {
        List<String> texts = new ArrayList<>();
        for (PapyrusRecord r : PapyrusRecord.all(corpus)) {
            for (String run : r.letters().split("\\" + PapyrusRecord.HIDDEN)) if (run.length() >= 33) texts.add(run);
        }
        if (texts.isEmpty()) throw new IllegalArgumentException("corpus " + corpusDir + " has no visible papyrus-form text to train a language model on; give --lm");
        out.printf("no --lm: training a GRU (64 units, %d steps) on the corpus's visible letters%n", lmSteps);
        return CharLm.train(texts, CharLmConfig.of(64, 1, 0f), new CharLmTraining(lmSteps, 16, 32, 0.01f, seed), line -> { });
    }
}
