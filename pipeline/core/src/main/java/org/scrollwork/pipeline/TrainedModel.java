package org.scrollwork.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.snapshot.SnapshotException;
import org.scrollwork.aunn.snapshot.SnapshotHeader;
import org.scrollwork.aunn.train.AunnTrainer;

/**
 * A model loaded from a snapshot for prediction (rendering, evaluation): the architecture comes from
 * the snapshot's own header, the weights from its tensors. The data it was trained on may since have
 * grown (appends change the corpus fingerprint), so the source is not checked.
 */
public final class TrainedModel implements AutoCloseable {
    private final AunnModel model;
    private final AunnTrainer trainer;
    private final SnapshotHeader header;

    private TrainedModel(AunnModel model, AunnTrainer trainer, SnapshotHeader header) {
        this.model = model;
        this.trainer = trainer;
        this.header = header;
    }

    /**
     * Loads {@code snapshot}, or, given a run directory, its early-stopping best ({@code best.aunn}) when it has one,
     * else its {@code model.aunn}.
     *
     * @throws SnapshotException naming the file when it is missing, truncated or corrupt
     */
    public static TrainedModel load(Path snapshot) {
        Path file = predictionFile(snapshot);
        SnapshotHeader h = Snapshot.readHeader(file);
        AunnModel m = new AunnModel(h.config());
        AunnTrainer t = new AunnTrainer(m);
        try {
            Snapshot.restore(file, t, h.sourceFingerprint(), Snapshot.Mode.FINETUNE);
        } catch (RuntimeException e) {
            t.close();
            m.close();
            throw e;
        }
        return new TrainedModel(m, t, h);
    }

    /**
     * Loads a run's {@code model.aunn} (or a snapshot file) to predict indices of {@code source}: the
     * snapshot must exist and take the source's index width; it may have been trained on another
     * state of the source ({@link #trainedOn}).
     *
     * @throws IllegalArgumentException naming the run when there is no snapshot or the index widths differ
     */
    public static TrainedModel load(Path runOrSnapshot, org.scrollwork.aunn.data.IndexedByteSource source) {
        Path file = predictionFile(runOrSnapshot);
        if (!Files.exists(file)) throw new IllegalArgumentException("no trained model in " + runOrSnapshot + " (" + file.getFileName() + " is missing); train first");
        int bits = Snapshot.readHeader(file).config().indexBits();
        if (bits != source.indexBits()) {
            throw new IllegalArgumentException("the model in " + file + " takes " + bits + "-bit indices, the corpus has " + source.indexBits());
        }
        return load(file);
    }

    /** The snapshot a run directory predicts with: {@code best.aunn} when early stopping kept one, else {@code model.aunn}. */
    public static Path predictionFile(Path runOrSnapshot) {
        if (!Files.isDirectory(runOrSnapshot)) return runOrSnapshot;
        Path best = runOrSnapshot.resolve(TrainingRun.BEST);
        return Files.exists(best) ? best : runOrSnapshot.resolve(TrainingRun.SNAPSHOT);
    }

    /**
     * Whether the snapshot was trained on exactly this state of {@code source}: its recorded fingerprint is one the source
     * accepts ({@link org.scrollwork.aunn.data.IndexedByteSource#matchesFingerprint}, the legacy fingerprint of a corpus included).
     */
    public boolean trainedOn(org.scrollwork.aunn.data.IndexedByteSource source) { return source.matchesFingerprint(header.sourceFingerprint()); }

    public AunnModel model() { return model; }

    /** The trainer holding the weights, for conditioning (a few more steps) and saving the conditioned state. */
    public AunnTrainer trainer() { return trainer; }

    /** Training steps the snapshot had taken. */
    public long step() { return header.step(); }

    public SnapshotHeader header() { return header; }

    @Override public void close() {
        trainer.close();
        model.close();
    }
}
