package org.scrollwork.workflows.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.pipeline.TrainingRun;

/**
 * Training an AUNN on a corpus in a run directory, for every front end: {@code scrollwork train} (a progress bar),
 * the Fiji commands (ImageJ's status bar, Esc) and {@link ReconstructionService}. Each call resumes a run directory's
 * snapshot when there is one. The listener gets every evaluation; an exception it throws stops training after that
 * evaluation's snapshot, so rerunning resumes.
 */
public final class TrainingService {
    private TrainingService() {}

    /** Trains (or resumes) a run with a model config and run options. */
    public static TrainingRun.Metrics train(Corpus corpus, Path runDir, AunnConfig config, TrainingRun.Options options,
                                            Consumer<TrainingRun.Metrics> onEvaluation) {
        return TrainingRun.run(corpus, config, runDir, options, onEvaluation);
    }

    /** Trains (or resumes) a run with {@link TrainingSettings}. */
    public static TrainingRun.Metrics train(Corpus corpus, Path runDir, TrainingSettings s, Consumer<TrainingRun.Metrics> onEvaluation) {
        return train(corpus, runDir, s.config(), s.options(), onEvaluation);
    }

    /** Where a run directory resumes from (step 0 for a new one). */
    public static TrainingRun.ResumePoint resumePoint(Path runDir) { return TrainingRun.resumePoint(runDir); }

    /**
     * Starts a new run from the weights of another run's snapshot (architecture must match; step, optimizer state and
     * data start fresh), then trains it on the corpus. Rerunning resumes the new run rather than starting it again.
     *
     * @throws IllegalArgumentException when the corpus's index width differs from the base model's
     */
    public static TrainingRun.Metrics finetune(Corpus corpus, Path baseRun, Path runDir, TrainingSettings s,
                                               Consumer<TrainingRun.Metrics> onEvaluation) {
        Path base = baseRun.resolve(TrainingRun.SNAPSHOT);
        AunnConfig baseConfig = Snapshot.readHeader(base).config();
        TrainingSettings fitted = s.withShape(baseConfig.width(), baseConfig.depth());
        AunnConfig c = fitted.config().withEncoding(baseConfig.encoding()).withHeads(baseConfig.embeddingDim(), baseConfig.memoryUnits())
                .withIndexBits(corpus.indexBits()).withLayout(corpus.layout()); // as TrainingRun binds it, so the run resumes its own snapshot
        if (c.indexBits() != baseConfig.indexBits()) {
            throw new IllegalArgumentException("corpus " + corpus.directory() + " has " + corpus.indexBits() + " index bits, the model in " + base
                    + " takes " + baseConfig.indexBits());
        }
        Path snapshot = runDir.resolve(TrainingRun.SNAPSHOT);
        if (!Files.exists(snapshot)) { // a rerun resumes the finetuning run instead of starting it again
            try (AunnModel model = new AunnModel(c); AunnTrainer trainer = new AunnTrainer(model)) {
                Snapshot.restore(base, trainer, corpus.fingerprint(), Snapshot.Mode.FINETUNE);
                Files.createDirectories(runDir);
                Snapshot.save(snapshot, trainer, corpus.fingerprint());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create run directory " + runDir + ": " + e.getMessage(), e);
            }
        }
        return train(corpus, runDir, c, fitted.options(), onEvaluation);
    }
}
