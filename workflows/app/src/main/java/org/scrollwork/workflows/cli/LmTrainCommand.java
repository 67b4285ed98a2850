package org.scrollwork.workflows.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Mixin;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharLmCheckpointing;
import org.scrollwork.prior.CharLmConfig;
import org.scrollwork.prior.CharLmTraining;
import org.scrollwork.prior.CharTransformer;
import org.scrollwork.prior.CharTransformerConfig;
import org.scrollwork.prior.CharTransformerTraining;
import org.scrollwork.prior.GreekCorpus;
import org.scrollwork.prior.NgramModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scrollwork lm train}: trains a letter model (GRU or n-gram) and saves it. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains a letter model on the training part of a corpus and saves it. A GRU (causal) is trained on random windows with Adam and a cosine schedule over --steps; validation bits/letter are measured every 250 steps and the best parameters are kept. A GRU run is checkpointed to OUT.ckpt (every --checkpoint-every steps and at the end); rerunning the same command resumes from it and ends exactly as an uninterrupted run would (a checkpoint of another run is refused: delete it to start afresh). An n-gram model (modified Kneser-Ney) is counted in about a second. A transformer (--kind transformer, an infill model for 'lm restore') is a pre-LN character Transformer that reads both sides of a lacuna: trained on span-masked windows (1-3 spans of 1-10 letters) with AdamW, warm-up and a cosine schedule; validation bits per masked letter every 250 steps, best kept; checkpointed and resumed as a GRU run is.")
public final class LmTrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin JsonOutput json;

    /** Model kinds. */
    public enum Kind { gru, ngram, transformer }

    @Option(names = "--kind", defaultValue = "gru", description = "model: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})") Kind kind;

    @Option(names = "--corpus", defaultValue = "sblgnt",
            description = "sblgnt (default), an SQLite file with the SBLGNT schema, a UTF-8 text file or folder of .txt files "
                    + "(split 90/5/5 %% train/validation/test in letter order), or TEI XML as Perseus and First1KGreek publish it: "
                    + "a .xml file or a folder of them, read recursively (the Greek body text of each work, split by work, passages "
                    + "shared between works kept once)") String corpus;

    @Option(names = "--out", description = "model file (default charlm.swlm for a GRU, ngram.swng for an n-gram)") Path out;

    @Option(names = "--steps", description = "GRU, transformer: optimizer steps (default 2500 for a GRU, " + TF_STEPS + " for a transformer)") Integer steps;

    @Option(names = "--hidden", defaultValue = "384", description = "GRU: state size (default ${DEFAULT-VALUE})") int hidden;

    @Option(names = "--layers", description = "GRU, transformer: layers (default 2 for a GRU, 4 for a transformer)") Integer layers;

    @Option(names = "--dropout", description = "GRU: dropout between GRU layers and before the head (default 0.4); transformer: on embeddings and residual branches (default 0.1)") Float dropout;

    @Option(names = "--lr", description = "GRU, transformer: peak learning rate (default 0.005 for a GRU, 0.001 for a transformer, chosen on the validation books)") Float lr;

    @Option(names = "--batch", defaultValue = "32", description = "GRU: windows per step (default ${DEFAULT-VALUE})") int batch;

    @Option(names = "--window", defaultValue = "128", description = "GRU: letters per window; transformer: letters read at once (default ${DEFAULT-VALUE})") int window;

    @Option(names = "--dim", defaultValue = "128", description = "transformer: model width (default ${DEFAULT-VALUE})") int dim;

    @Option(names = "--heads", defaultValue = "4", description = "transformer: attention heads (default ${DEFAULT-VALUE})") int heads;

    @Option(names = "--warmup", description = "transformer: warm-up steps (default a tenth of --steps, at most 200)") Integer warmup;

    @Option(names = "--input-noise", defaultValue = "0.05", description = "GRU: probability that an input letter is replaced by a random one while training (default ${DEFAULT-VALUE})") float inputNoise;

    @Option(names = "--weight-decay", description = "GRU: AdamW weight decay, 0 = Adam (default 0); transformer: AdamW weight decay (default 0.01)") Float weightDecay;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})") long seed;

    @Option(names = "--order", defaultValue = "6", description = "n-gram: order (default ${DEFAULT-VALUE})") int order;

    @Option(names = "--checkpoint-every", defaultValue = "250", description = "GRU, transformer: steps between checkpoints to OUT.ckpt, written atomically; 0 = no checkpoints and no resuming (default ${DEFAULT-VALUE})") int checkpointEvery;

    /** Transformer steps by default: what fits about 25 minutes on one thread of the 2-core machine. */
    static final int TF_STEPS = 1000;

    @Override public Integer call() {
        PrintWriter o = json.human(spec);
        ObjectNode j = json.object();
        j.put("kind", kind.name());
        j.put("corpus", corpus);
        GreekCorpus c = GreekCorpus.open(corpus);
        GreekCorpus.Split split = c.split();
        LmCommand.printSplit(o, c, split);
        LmCommand.putSplit(j, split);
        List<String> train = LmCommand.texts(split.train()), val = LmCommand.texts(split.validation());
        if (kind == Kind.ngram) {
            Path file = out != null ? out : Path.of("ngram.swng");
            NgramModel m = NgramModel.train(train, order);
            m.save(file);
            double v = val.isEmpty() ? Double.NaN : m.bitsPerChar(val);
            o.printf("%s saved to %s; validation %s bits/letter%n", m.describe(), file, val.isEmpty() ? "n/a" : String.format("%.3f", v));
            j.put("model", file.toString());
            j.put("description", m.describe());
            if (!Double.isNaN(v)) j.put("validationBitsPerLetter", v);
            return json.emit(spec, j);
        }
        if (checkpointEvery < 0) throw new CommandLine.ParameterException(spec.commandLine(), "--checkpoint-every must be >= 0, was " + checkpointEvery);
        if (kind == Kind.transformer) return trainTransformer(o, j, train, val);
        int steps = this.steps != null ? this.steps : 2500;
        Path file = out != null ? out : Path.of("charlm.swlm");
        CharLmConfig config = CharLmConfig.of(hidden, layers != null ? layers : 2, dropout != null ? dropout : 0.4f);
        CharLmTraining training = new CharLmTraining(steps, batch, window, lr != null ? lr : 0.005f, seed, inputNoise,
                weightDecay != null ? weightDecay : 0f);
        CharLmCheckpointing checkpointing = checkpointing(file);
        boolean resuming = checkpointing != null && Files.exists(checkpointing.file());
        double[] bestVal = {Double.NaN};
        int[] firstStep = {steps + 1};
        long t0 = System.nanoTime();
        CharLm lm;
        try (var task = new ConsoleProgress(o).start("lm train", steps)) {
            lm = CharLm.train(train, val, config, training, s -> { }, p -> {
                firstStep[0] = Math.min(firstStep[0], p.step());
                if (p.best()) bestVal[0] = p.validationBits();
                task.advance(p.step(), steps, String.format(" train %.2f val %s b/letter", p.trainBits(),
                        Double.isNaN(bestVal[0]) ? "-" : String.format("%.3f", bestVal[0])));
            }, checkpointing);
        }
        try (lm) {
            // the best measurement may predate the resumption; the model holds its parameters, so measure them again
            if (resuming && !val.isEmpty()) bestVal[0] = lm.bitsPerChar(val);
            lm.save(file);
            o.printf("%s trained in %.0f s (%d steps%s); best validation %s bits/letter; saved to %s%n", lm.describe(),
                    (System.nanoTime() - t0) / 1e9, steps, resuming ? ", resumed at step " + (firstStep[0] - 1) : "", Double.isNaN(bestVal[0]) ? "n/a" : String.format("%.3f", bestVal[0]), file);
            j.put("model", file.toString());
            j.put("description", lm.describe());
            j.put("steps", steps);
            if (checkpointing != null) j.put("checkpoint", checkpointing.file().toString());
            if (resuming) j.put("resumedFromStep", firstStep[0] - 1);
            j.put("seconds", (System.nanoTime() - t0) / 1e9);
            if (!Double.isNaN(bestVal[0])) j.put("validationBitsPerLetter", bestVal[0]);
        }
        return json.emit(spec, j);
    }

    /** Checkpoints beside {@code file} every {@code --checkpoint-every} steps (null for 0), saying on stderr when one is resumed from. */
    private CharLmCheckpointing checkpointing(Path file) {
        if (checkpointEvery == 0) return null;
        CharLmCheckpointing c = new CharLmCheckpointing(CharLmCheckpointing.besides(file), checkpointEvery);
        if (Files.exists(c.file())) {
            spec.commandLine().getErr().printf("resuming from the checkpoint %s%n", c.file());
            spec.commandLine().getErr().flush();
        }
        return c;
    }

    /** {@code --kind transformer}: trains, checkpoints and resumes a {@link CharTransformer}, and saves it. */
    private int trainTransformer(PrintWriter o, ObjectNode j, List<String> train, List<String> val) {
        int steps = this.steps != null ? this.steps : TF_STEPS;
        Path file = out != null ? out : Path.of("transformer.swtf");
        CharTransformerConfig config = CharTransformerConfig.of(window, dim, layers != null ? layers : 4, heads, dropout != null ? dropout : 0.1f);
        CharTransformerTraining training = new CharTransformerTraining(steps, batch, lr != null ? lr : 0.001f,
                warmup != null ? warmup : Math.min(200, steps / 10), weightDecay != null ? weightDecay : 0.01f, seed);
        CharLmCheckpointing checkpointing = checkpointing(file);
        boolean resuming = checkpointing != null && Files.exists(checkpointing.file());
        double[] bestVal = {Double.NaN};
        long t0 = System.nanoTime();
        CharTransformer tf;
        try (var task = new ConsoleProgress(o).start("lm train", steps)) {
            tf = CharTransformer.train(train, val, config, training, s -> { }, p -> {
                if (p.best()) bestVal[0] = p.validationBits();
                task.advance(p.step(), steps, String.format(" train %.2f val %s b/masked letter", p.trainBits(),
                        Double.isNaN(bestVal[0]) ? "-" : String.format("%.3f", bestVal[0])));
            }, checkpointing);
        }
        try (tf) {
            bestVal[0] = tf.heldOutBits(val);
            tf.save(file);
            o.printf("%s trained in %.0f s (%d steps%s); validation %s bits per masked letter; saved to %s%n", tf.describe(),
                    (System.nanoTime() - t0) / 1e9, steps, resuming ? ", resumed" : "", Double.isNaN(bestVal[0]) ? "n/a" : String.format("%.3f", bestVal[0]), file);
            j.put("model", file.toString());
            j.put("description", tf.describe());
            j.put("steps", steps);
            if (checkpointing != null) j.put("checkpoint", checkpointing.file().toString());
            j.put("resumed", resuming);
            j.put("seconds", (System.nanoTime() - t0) / 1e9);
            if (!Double.isNaN(bestVal[0])) j.put("validationBitsPerMaskedLetter", bestVal[0]);
        }
        return json.emit(spec, j);
    }
}
