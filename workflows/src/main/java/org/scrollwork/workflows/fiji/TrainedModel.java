package org.scrollwork.workflows.fiji;

import java.nio.file.Files;
import java.nio.file.Path;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.snapshot.SnapshotHeader;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.pipeline.TrainingRun;

/** The model a run directory holds ({@value TrainingRun#SNAPSHOT}), loaded for prediction. */
public final class TrainedModel implements AutoCloseable {
    private final AunnModel model;
    private final AunnTrainer trainer;
    private final boolean trainedOnCorpus;

    private TrainedModel(AunnModel model, AunnTrainer trainer, boolean trainedOnCorpus) {
        this.model = model;
        this.trainer = trainer;
        this.trainedOnCorpus = trainedOnCorpus;
    }

    /**
     * Loads the run's snapshot. The weights are loaded whatever corpus they were trained on
     * ({@link #trainedOnCorpus()} tells whether it was this one).
     *
     * @throws IllegalArgumentException if the run has no snapshot, or its index width differs from the corpus's
     */
    public static TrainedModel load(Path runDir, Corpus corpus) {
        Path file = runDir.resolve(TrainingRun.SNAPSHOT);
        if (!Files.exists(file)) throw new IllegalArgumentException("no trained model in " + runDir + " (" + file.getFileName() + " is missing); train first");
        SnapshotHeader h = Snapshot.readHeader(file);
        if (h.config().indexBits() != corpus.indexBits()) {
            throw new IllegalArgumentException("the model in " + file + " takes " + h.config().indexBits() + "-bit indices, corpus " + corpus.directory()
                    + " has " + corpus.indexBits());
        }
        AunnModel model = new AunnModel(h.config());
        AunnTrainer trainer = new AunnTrainer(model);
        try {
            Snapshot.restore(file, trainer, corpus.fingerprint(), Snapshot.Mode.FINETUNE);
        } catch (RuntimeException e) {
            trainer.close();
            model.close();
            throw e;
        }
        return new TrainedModel(model, trainer, h.sourceFingerprint().equals(corpus.fingerprint()));
    }

    public AunnModel model() { return model; }

    /** Whether the snapshot was trained on exactly this corpus state (fingerprint equal). */
    public boolean trainedOnCorpus() { return trainedOnCorpus; }

    @Override public void close() {
        trainer.close();
        model.close();
    }
}
