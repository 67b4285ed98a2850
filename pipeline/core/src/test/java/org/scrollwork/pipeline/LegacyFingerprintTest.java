package org.scrollwork.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.snapshot.SnapshotException;
import org.scrollwork.aunn.snapshot.SnapshotHeader;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;

/**
 * Runs recorded before content fingerprints hold the corpus's manifest checksum ({@code crc32c:...}) as the data they were
 * trained on: they still resume on that corpus state, and are refused on any other.
 */
class LegacyFingerprintTest {
    @TempDir Path dir;

    private static final TrainingRun.Options OPTIONS = new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 10, 10, 256);

    private static AunnConfig config() {
        return AunnConfig.defaults().withShape(32, 2).withBatchSize(64).withOptim(3e-3, 5, 40, 0.0).withSeed(3);
    }

    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private Path corpus() {
        Path d = dir.resolve("corpus");
        try (Corpus c = Corpus.create(d, new CorpusOptions(16))) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 1500; i++) sb.append((char) ('a' + (i * 7 + i / 9) % 26));
            CorpusRecord t = c.appendText(sb.toString(), RecordMeta.of("text").withSource("/data/letters.txt", "sha256:0123"));
            c.mask(t.id(), 1200, 1500, Role.HELD_OUT);
        }
        return d;
    }

    /** Rewrites a snapshot as a run of the old rule left it: the same state, recording {@code fingerprint}. */
    private static void record(Path snapshot, String fingerprint) {
        SnapshotHeader h = Snapshot.readHeader(snapshot);
        try (AunnModel m = new AunnModel(h.config()); AunnTrainer t = new AunnTrainer(m)) {
            Snapshot.restore(snapshot, t, h.sourceFingerprint(), Snapshot.Mode.RESUME);
            Snapshot.save(snapshot, t, fingerprint);
        }
    }

    @Test
    void aRunRecordedWithTheManifestChecksumResumesOnThatCorpusAndRecordsTheContentFingerprint() {
        Path corpusDir = corpus();
        Path run = dir.resolve("run");
        Path snapshot = run.resolve(TrainingRun.SNAPSHOT);
        String legacy;
        try (Corpus c = Corpus.open(corpusDir)) {
            assertThrows(Killed.class, () -> TrainingRun.run(c, config(), run, OPTIONS, m -> {
                if (m.step() == 20) throw new Killed();
            }));
            assertEquals(c.fingerprint(), Snapshot.readHeader(snapshot).sourceFingerprint());
            legacy = c.legacyFingerprint();
            record(snapshot, legacy);
            try (TrainedModel model = TrainedModel.load(run)) {
                assertTrue(model.trainedOn(c), "trainedOn accepts the legacy fingerprint");
            }
            TrainingRun.Metrics m = TrainingRun.run(c, config(), run, OPTIONS, x -> assertTrue(x.step() > 20, "resumes after step 20"));
            assertEquals(40, m.step());
            assertEquals(c.fingerprint(), Snapshot.readHeader(snapshot).sourceFingerprint(), "from then on the content fingerprint is recorded");
        }
        record(snapshot, legacy);
        try (Corpus c = Corpus.open(corpusDir)) {
            c.mask(c.records().size() - 1, 0, 10, Role.HELD_OUT); // another state of the corpus
            try (TrainedModel model = TrainedModel.load(run)) {
                assertFalse(model.trainedOn(c));
            }
            SnapshotException e = assertThrows(SnapshotException.class, () -> TrainingRun.run(c, config(), run, OPTIONS, x -> { }));
            assertEquals(SnapshotException.Kind.FINGERPRINT_MISMATCH, e.kind());
            assertTrue(e.getMessage().contains(legacy) && e.getMessage().contains(c.fingerprint()), e.getMessage());
        }
    }
}
