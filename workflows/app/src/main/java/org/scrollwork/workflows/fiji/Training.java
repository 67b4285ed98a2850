package org.scrollwork.workflows.fiji;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.pipeline.TrainingRun;

/** Training from the plugin: {@link TrainingRun} with ImageJ progress, cancellable between evaluations. */
public final class Training {
    private Training() {}

    /**
     * Trains (or resumes) a run on a corpus. Cancelling stops after the current evaluation; the run
     * directory keeps the snapshot of that step, so rerunning the command resumes.
     */
    public static TrainingRun.Metrics train(Corpus corpus, Path runDir, TrainingSettings s, Progress progress) {
        return run(corpus, runDir, s.config(), s, progress);
    }

    private static TrainingRun.Metrics run(Corpus corpus, Path runDir, AunnConfig config, TrainingSettings s, Progress progress) {
        progress.show("Training: starting (" + s.steps() + " steps)", 0, s.steps());
        TrainingRun.Metrics m = TrainingRun.run(corpus, config, runDir, s.options(), e -> {
            progress.show(String.format("Training: step %d/%d, %.3f bits/byte trained, held-out %s (Esc stops)", e.step(), e.totalSteps(),
                    e.trainBits(), Double.isNaN(e.heldOutBits()) ? "n/a" : String.format("%.3f", e.heldOutBits())), e.step(), e.totalSteps());
            progress.check();
        });
        progress.done();
        return m;
    }

    /**
     * Starts a new run from the weights of another run's snapshot (architecture must match; step,
     * optimizer state and data start fresh), then trains it.
     */
    public static TrainingRun.Metrics finetune(Corpus corpus, Path baseRun, Path runDir, TrainingSettings s, Progress progress) {
        Path base = baseRun.resolve(TrainingRun.SNAPSHOT);
        AunnConfig baseConfig = Snapshot.readHeader(base).config();
        TrainingSettings fitted = new TrainingSettings(s.steps(), baseConfig.width(), baseConfig.depth(), s.batch(), s.lr(), s.schedule(), s.seed());
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
        return run(corpus, runDir, c, fitted, progress);
    }
}
