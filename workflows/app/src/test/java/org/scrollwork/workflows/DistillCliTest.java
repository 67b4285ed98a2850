package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.snapshot.SnapshotHeader;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.distill.DistillStage;
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharLmConfig;
import org.scrollwork.prior.CharLmTraining;
import org.scrollwork.prior.NgramModel;

class DistillCliTest {
    static {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) System.setProperty("ai.djl.pytorch.num_threads", "1");
    }

    @TempDir Path dir;

    private static byte[] sha256(Path p) throws IOException, NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
    }

    @Test
    void writesADistilledSnapshotAndLeavesTheBaseByteIdentical() throws Exception {
        String letters = "ΕΝΑΡΧΗΗΝΟΛΟΓΟΣΚΑΙΟΛΟΓΟΣΗΝΠΡΟΣΤΟΝΘΕΟΝΚΑΙΘΕΟΣΗΝΟΛΟΓΟΣΟΥΤΟΣΗΝΕΝΑΡΧΗΠΡΟΣΤΟΝΘΕΟΝ";
        Path corpusDir = dir.resolve("corpus"), run = dir.resolve("run"), lmFile = dir.resolve("greek.charlm");
        try (Corpus c = Corpus.create(corpusDir, new CorpusOptions(20))) {
            CorpusRecord r = c.appendText(letters.getBytes(StandardCharsets.UTF_8), RecordMeta.of("text/papyrus-form"), OptionalInt.empty());
            c.mask(r.id(), 20, 26, Role.HELD_OUT);   // letters 10..12
        }
        try (Corpus c = Corpus.open(corpusDir)) {
            TrainingRun.run(c, TrainingDefaults.config(32, 1, 64, 2e-3, 20, 1).withEncoding(org.scrollwork.aunn.model.EncodingSpec.binary()).withIndexBits(20), run,
                    new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 20, 20, 64), m -> { });
        }
        try (CharLm lm = CharLm.train(List.of(letters), CharLmConfig.of(16, 1, 0f), new CharLmTraining(20, 4, 16, 0.01f, 1), s -> { })) {
            lm.save(lmFile);
        }
        Path base = run.resolve(TrainingRun.SNAPSHOT);
        byte[] before = sha256(base);
        SnapshotHeader baseHeader = Snapshot.readHeader(base);

        CliTest.Result res = CliTest.run("distill", "--run", run.toString(), "--corpus", corpusDir.toString(), "--lm", lmFile.toString(),
                "--steps", "3", "--batch", "16", "--windows", "2", "--critic-weight", "0.5");
        assertEquals(0, res.exit(), res.err());
        assertTrue(res.out().contains("3 hidden letters"), res.out());

        assertArrayEquals(before, sha256(base), "the base snapshot changed");
        Path distilled = run.resolve(DistillStage.DISTILLED);
        SnapshotHeader h = Snapshot.readHeader(distilled);   // verifies the checksum
        assertEquals(baseHeader.config(), h.config());
        assertEquals(baseHeader.sourceFingerprint(), h.sourceFingerprint());
        assertEquals(baseHeader.step() + 6, h.step());   // 3 targets + 3 critic updates
        assertNotEquals(java.util.Arrays.toString(Snapshot.read(base).params().get("head.bias")),
                java.util.Arrays.toString(Snapshot.read(distilled).params().get("head.bias")));
        List<String> prov = Files.readAllLines(run.resolve(DistillStage.PROVENANCE));
        assertEquals(3, prov.size());
        assertTrue(prov.get(0).contains("\"letter\":10") && prov.get(0).contains("klBits"), prov.get(0));

        // a second run replaces distilled.aunn and still never touches the base
        assertEquals(0, CliTest.run("distill", "--run", run.toString(), "--corpus", corpusDir.toString(), "--lm", lmFile.toString(),
                "--steps", "2", "--batch", "16", "--alpha", "1").exit());
        assertArrayEquals(before, sha256(base));

        // an embedding weight on a model without an embedding head: the distilled model gets one of the LM's size
        assertEquals(0, CliTest.run("distill", "--run", run.toString(), "--corpus", corpusDir.toString(), "--lm", lmFile.toString(),
                "--steps", "2", "--batch", "16", "--embedding-weight", "0.5").exit());
        assertEquals(16, Snapshot.readHeader(distilled).config().embeddingDim());
        assertEquals(0, baseHeader.config().embeddingDim());
        assertArrayEquals(before, sha256(base));

        // an n-gram teaches through targets; as a critic it is refused by name
        Path ngram = dir.resolve("greek.ngram");
        NgramModel.train(List.of(letters), 3).save(ngram);
        assertEquals(0, CliTest.run("distill", "--run", run.toString(), "--corpus", corpusDir.toString(), "--lm", ngram.toString(),
                "--steps", "2", "--batch", "16").exit());
        CliTest.Result critic = CliTest.run("distill", "--run", run.toString(), "--corpus", corpusDir.toString(), "--lm", ngram.toString(),
                "--steps", "2", "--critic-weight", "1");
        assertEquals(1, critic.exit());
        assertTrue(critic.err().contains("the critic needs a neural model"), critic.err());
        assertArrayEquals(before, sha256(base));
    }

    @Test
    void aRunWithoutSnapshotIsAClearError() {
        CliTest.Result res = CliTest.run("distill", "--run", dir.resolve("nothing").toString(), "--corpus", dir.resolve("c").toString());
        assertEquals(1, res.exit());
        assertTrue(res.err().contains("holds no model.aunn"), res.err());
    }
}
