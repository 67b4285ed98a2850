package org.scrollwork.pipeline.distill;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.snapshot.SnapshotException;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharModel;

/**
 * The distil stage of a training run: reads the run's base snapshot (its early-stopping best, else {@value TrainingRun#SNAPSHOT}:
 * {@link org.scrollwork.pipeline.TrainedModel#predictionFile}; checked against the
 * corpus's fingerprint), distils the language model (a {@link CharLm}: targets, critic and embeddings; any other {@link CharModel} such as the
 * n-gram: targets only) into a copy and writes it as {@value #DISTILLED} in the run
 * directory, with {@value #PROVENANCE} (one JSON line per hidden letter, see {@link Provenance}). The base snapshot is
 * only read, never written. With an embedding weight and a base model without an embedding head, the distilled model
 * gets a fresh head of the LM's hidden size (its config then differs from the base's; the optimizer state restarts).
 */
public final class DistillStage {
    public static final String DISTILLED = "distilled.aunn";
    public static final String PROVENANCE = "distill-provenance.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DistillStage() {}

    /** What the stage did: the step count, the last step's losses, and the hidden letters whose top letter the prior changed. */
    public record Summary(int steps, Distiller.StepResult last, int hiddenLetters, int changedTopLetters, double meanKlBits, Path snapshot) {}

    /**
     * @param progress gets (step from 1, result) after each step
     * @throws SnapshotException naming the file if the base snapshot is missing, damaged or from another corpus
     */
    public static Summary run(Corpus corpus, Path runDir, CharModel prior, DistillOptions opts, BiConsumer<Integer, Distiller.StepResult> progress) {
        CharLm lm = prior instanceof CharLm g ? g : null;
        if (lm == null && opts.criticWeight() > 0) {
            throw new IllegalArgumentException("the critic needs a neural model (a CharLm file): " + prior.describe() + " passes no gradients");
        }
        if (lm == null && opts.embeddingWeight() > 0) {
            throw new IllegalArgumentException("embedding targets need a neural model (a CharLm file): " + prior.describe() + " has no hidden state");
        }
        Path base = org.scrollwork.pipeline.TrainedModel.predictionFile(runDir);
        if (!Files.isRegularFile(base)) throw new SnapshotException(base, SnapshotException.Kind.IO, "no base snapshot in the run directory");
        AunnConfig baseConfig = Snapshot.readHeader(base).config();
        List<PapyrusRecord> records = PapyrusRecord.all(corpus);
        if (records.isEmpty()) throw new IllegalArgumentException("corpus " + corpus.directory() + " has no text record in papyrus form (Greek capitals only)");
        boolean embed = opts.embeddingWeight() > 0;
        int h = lm == null ? 0 : lm.config().hiddenSize();
        if (embed && baseConfig.embeddingDim() != 0 && baseConfig.embeddingDim() != h) {
            throw new IllegalArgumentException("the base model's embedding head has size " + baseConfig.embeddingDim() + ", the LM's hidden state " + h);
        }
        AunnConfig config = embed && baseConfig.embeddingDim() == 0 ? baseConfig.withHeads(h, baseConfig.memoryUnits()) : baseConfig;
        try (AunnModel model = load(base, baseConfig, config, corpus);
             AunnTrainer trainer = new AunnTrainer(model)) {
            if (config.equals(baseConfig)) Snapshot.restore(base, trainer, corpus, Snapshot.Mode.RESUME);
            else trainer.setStep(Snapshot.readHeader(base).step());
            List<double[][]> before = new ArrayList<>();
            for (PapyrusRecord r : records) before.add(Distiller.letterDistributions(model, r));
            List<Teaching> teachings = null;
            if (opts.alpha() > 0 || embed) {
                SpanFiller filler = new SpanFiller(32, 8, LmTeacher.TOP_K);
                LetterTeacher teacher = lm != null ? new LmTeacher(lm, filler, embed, true) : new CharModelTeacher(prior, filler, 32, true);
                teachings = new ArrayList<>();
                for (PapyrusRecord r : records) teachings.add(teacher.teach(r));
            }
            Distiller.StepResult last;
            try (Distiller d = new Distiller(trainer, corpus, records, teachings, opts.criticWeight() > 0 ? new LmCritic(lm) : null, opts)) {
                last = d.run(progress);
            }
            Path out = runDir.resolve(DISTILLED);
            Snapshot.save(out, trainer, corpus.fingerprint());
            StringBuilder lines = new StringBuilder();
            int hidden = 0, changed = 0;
            double kl = 0;
            for (int i = 0; i < records.size(); i++) {
                for (Provenance p : Provenance.of(records.get(i), before.get(i), Distiller.letterDistributions(model, records.get(i)))) {
                    lines.append(JSON.writeValueAsString(ProvenanceLine.of(p))).append('\n');
                    hidden++;
                    if (p.topAfter() != p.topBefore()) changed++;
                    kl += p.klBits();
                }
            }
            AtomicFiles.writeBytes(runDir.resolve(PROVENANCE), lines.toString().getBytes(StandardCharsets.UTF_8));
            return new Summary(opts.steps(), last, hidden, changed, hidden == 0 ? 0 : kl / hidden, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write provenance in " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** The base model, with a freshly initialised embedding head appended when {@code config} adds one. */
    private static AunnModel load(Path base, AunnConfig baseConfig, AunnConfig config, Corpus corpus) {
        if (config.equals(baseConfig)) return new AunnModel(config);
        Snapshot.Contents c = Snapshot.read(base);
        if (!corpus.matchesFingerprint(c.header().sourceFingerprint())) {
            throw new SnapshotException(base, SnapshotException.Kind.FINGERPRINT_MISMATCH, "trained on source " + c.header().sourceFingerprint() + ", not " + corpus.fingerprint());
        }
        Map<String, float[]> values;
        try (AunnModel fresh = new AunnModel(config)) {
            values = fresh.exportParameters();
        }
        values.putAll(c.params());
        try (AunnModel tmp = new AunnModel(config)) {
            return new AunnModel(config, tmp.device(), values);
        }
    }
}
