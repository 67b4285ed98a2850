package org.scrollwork.aunn.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.Fixtures;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.Persistent;
import org.scrollwork.aunn.train.UniformRandom;
import org.scrollwork.files.CorruptFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotTest {
    private static final int N = 40;
    private final InMemoryByteSource source = InMemoryByteSource.of(16, Fixtures.structuredVolume(16));
    private final AunnConfig config = Fixtures.small().withHeads(0, 4).withDropout(0.1).withOptim(3e-3, 10, 2 * N, 0.01);

    private static UniformRandom schedule() { return new UniformRandom(128, 5); }

    @Test
    void resumedRunContinuesTheSameLossCurve(@TempDir Path dir) {
        double[] straight = new double[2 * N];
        float[] straightWeights;
        try (AunnModel m = new AunnModel(config); AunnTrainer t = new AunnTrainer(m)) {
            for (int i = 0; i < 2 * N; i++) straight[i] = t.train(source, schedule(), 1);
            straightWeights = m.exportParameters().get("blocks.1.fc2.weight");
        }
        Path file = dir.resolve("run.snap");
        double[] resumed = new double[2 * N];
        try (AunnModel m = new AunnModel(config); AunnTrainer t = new AunnTrainer(m)) {
            for (int i = 0; i < N; i++) resumed[i] = t.train(source, schedule(), 1);
            Snapshot.save(file, t, source.fingerprint());
        }
        try (AunnModel m = new AunnModel(config.withSeed(config.seed())); AunnTrainer t = new AunnTrainer(m)) {
            Snapshot.restore(file, t, source.fingerprint(), Snapshot.Mode.RESUME);
            assertEquals(N, t.step());
            for (int i = N; i < 2 * N; i++) resumed[i] = t.train(source, schedule(), 1);
            for (int i = 0; i < 2 * N; i++) assertEquals(straight[i], resumed[i], 1e-5, "loss at step " + i);
            float[] w = m.exportParameters().get("blocks.1.fc2.weight");
            for (int i = 0; i < w.length; i++) assertEquals(straightWeights[i], w[i], 1e-5f);
        }
        assertTrue(straight[2 * N - 1] < straight[0], "the run should learn: " + straight[0] + " -> " + straight[2 * N - 1]);
    }

    @Test
    void roundTripIsBitExact(@TempDir Path dir) {
        Path file = dir.resolve("a.snap");
        try (AunnModel m = new AunnModel(config); AunnTrainer t = new AunnTrainer(m)) {
            t.train(source, new Persistent(schedule(), 2), 3);
            Snapshot.save(file, t, source.fingerprint());
            Snapshot.Contents c = Snapshot.read(file);
            assertEquals(config, c.header().config());
            assertEquals(3, c.header().step());
            assertEquals(3, c.optimizer().updates());
            m.exportParameters().forEach((k, v) -> assertArrayEquals(v, c.params().get(k), k));
            t.optimizer().exportState().secondMoment().forEach((k, v) -> assertArrayEquals(v, c.optimizer().secondMoment().get(k), k));
        }
    }

    @Test
    void mismatchedConfigFailsClearly(@TempDir Path dir) {
        Path file = dir.resolve("b.snap");
        save(file);
        try (AunnModel m = new AunnModel(config.withShape(32, 2)); AunnTrainer t = new AunnTrainer(m)) {
            SnapshotException e = assertThrows(SnapshotException.class, () -> Snapshot.restore(file, t, source.fingerprint(), Snapshot.Mode.FINETUNE));
            assertEquals(SnapshotException.Kind.CONFIG_MISMATCH, e.kind());
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("width=64"), e.getMessage());
        }
        try (AunnModel m = new AunnModel(config.withOptim(1e-3, 10, 2 * N, 0.01)); AunnTrainer t = new AunnTrainer(m)) {
            SnapshotException e = assertThrows(SnapshotException.class, () -> Snapshot.restore(file, t, source.fingerprint(), Snapshot.Mode.RESUME));
            assertEquals(SnapshotException.Kind.CONFIG_MISMATCH, e.kind());
            Snapshot.restore(file, t, "other data", Snapshot.Mode.FINETUNE); // finetuning may change hyper-parameters and data
            assertEquals(0, t.step());
        }
    }

    @Test
    void otherDataIsRefusedUnlessFinetuning(@TempDir Path dir) {
        Path file = dir.resolve("c.snap");
        save(file);
        try (AunnModel m = new AunnModel(config); AunnTrainer t = new AunnTrainer(m)) {
            SnapshotException e = assertThrows(SnapshotException.class, () -> Snapshot.restore(file, t, "different", Snapshot.Mode.RESUME));
            assertEquals(SnapshotException.Kind.FINGERPRINT_MISMATCH, e.kind());
            Snapshot.restore(file, t, "different", Snapshot.Mode.FINETUNE);
            double bpb = Evaluator.bitsPerByte(m, source, Role.TRAIN, 4096);
            assertTrue(bpb < 8, "weights were loaded: " + bpb);
        }
    }

    /** A source that also answers to the fingerprint an older rule gave its data. */
    private static final class Renamed implements IndexedByteSource {
        private final IndexedByteSource data;
        private final String older;

        Renamed(IndexedByteSource data, String older) {
            this.data = data;
            this.older = older;
        }

        @Override public int indexBits() { return data.indexBits(); }
        @Override public long count(Role role) { return data.count(role); }
        @Override public long index(Role role, long k) { return data.index(role, k); }
        @Override public int byteAt(long index) { return data.byteAt(index); }
        @Override public String fingerprint() { return "new:" + data.fingerprint(); }
        @Override public boolean matchesFingerprint(String recorded) { return fingerprint().equals(recorded) || older.equals(recorded); }
    }

    @Test
    void givenTheSourceAResumeAcceptsEveryFingerprintTheSourceAccepts(@TempDir Path dir) {
        Path file = dir.resolve("g.snap");
        save(file); // records source.fingerprint(), the "older rule" of Renamed
        try (AunnModel m = new AunnModel(config); AunnTrainer t = new AunnTrainer(m)) {
            Snapshot.restore(file, t, new Renamed(source, source.fingerprint()), Snapshot.Mode.RESUME);
            assertEquals(5, t.step());
            SnapshotException e = assertThrows(SnapshotException.class,
                    () -> Snapshot.restore(file, t, new Renamed(source, "something else"), Snapshot.Mode.RESUME));
            assertEquals(SnapshotException.Kind.FINGERPRINT_MISMATCH, e.kind());
            assertTrue(e.getMessage().contains("new:" + source.fingerprint()), e.getMessage());
            assertThrows(SnapshotException.class, () -> Snapshot.restore(file, t, "new:" + source.fingerprint(), Snapshot.Mode.RESUME),
                    "given a string, only that string matches");
        }
    }

    @Test
    void truncatedOrCorruptFilesNameTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.snap");
        save(file);
        byte[] good = Files.readAllBytes(file);
        for (int cut : new int[] {0, 10, 40, good.length / 2, good.length - 1}) {
            Path bad = dir.resolve("cut" + cut + ".snap");
            Files.write(bad, Arrays.copyOf(good, cut));
            SnapshotException e = assertThrows(SnapshotException.class, () -> Snapshot.read(bad));
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
            assertTrue(e.kind() == SnapshotException.Kind.TRUNCATED || e.kind() == SnapshotException.Kind.CORRUPT, e.kind() + " for cut " + cut);
        }
        for (int pos : new int[] {3, 20, good.length / 2, good.length - 6}) {
            byte[] flipped = good.clone();
            flipped[pos] ^= 0x10;
            Path bad = dir.resolve("flip" + pos + ".snap");
            Files.write(bad, flipped);
            SnapshotException e = assertThrows(SnapshotException.class, () -> Snapshot.read(bad));
            assertEquals(SnapshotException.Kind.CORRUPT, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        }
        SnapshotException missing = assertThrows(SnapshotException.class, () -> Snapshot.read(dir.resolve("nope.snap")));
        assertTrue(missing.getMessage().contains("nope.snap"));
    }

    @Test
    void damagedSnapshotsAreCorruptFilesAndMismatchedOnesAreNot(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("h.snap");
        save(file);
        byte[] good = Files.readAllBytes(file);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        byte[] marker = good.clone();
        marker[good.length - 1] = 'X';
        byte[][] damaged = {Arrays.copyOf(good, 10), Arrays.copyOf(good, good.length - 1), flipped, marker};
        SnapshotException.Kind[] kinds = {SnapshotException.Kind.TRUNCATED, SnapshotException.Kind.TRUNCATED,
                SnapshotException.Kind.CORRUPT, SnapshotException.Kind.CORRUPT};
        String[] reasons = {"only 10 bytes, shorter than the 16-byte preamble", "expected " + good.length + " bytes, found " + (good.length - 1),
                "checksum mismatch (CRC32C)", "bad end marker"};
        for (int i = 0; i < damaged.length; i++) {
            Path bad = dir.resolve("bad" + i + ".snap");
            Files.write(bad, damaged[i]);
            SnapshotException e = assertThrows(SnapshotException.class, () -> Snapshot.read(bad));
            CorruptFile c = assertInstanceOf(CorruptFile.class, e, e.getMessage());
            assertEquals(kinds[i], e.kind(), e.getMessage());
            assertEquals(reasons[i], c.reason());
            assertEquals(bad, c.path());
            assertEquals("snapshot " + bad + ": " + reasons[i], e.getMessage(), "the message is as before the family");
        }
        try (AunnModel m = new AunnModel(config.withShape(32, 2)); AunnTrainer t = new AunnTrainer(m)) {
            SnapshotException e = assertThrows(SnapshotException.class, () -> Snapshot.restore(file, t, source.fingerprint(), Snapshot.Mode.FINETUNE));
            assertEquals(SnapshotException.Kind.CONFIG_MISMATCH, e.kind());
            assertFalse(e instanceof CorruptFile, "an intact snapshot of another config is no damaged file");
        }
        assertFalse(assertThrows(SnapshotException.class, () -> Snapshot.read(dir.resolve("nope.snap"))) instanceof CorruptFile);
    }

    @Test
    void savingReplacesAtomicallyAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("e.snap");
        save(file);
        save(file);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void savingOntoADirectoryFailsAndKeepsIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f.snap");
        Files.createDirectories(file.resolve("inside"));
        SnapshotException e = assertThrows(SnapshotException.class, () -> save(file));
        assertEquals(SnapshotException.Kind.IO, e.kind());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(Files.isDirectory(file.resolve("inside")), "the directory is not replaced");
    }

    private void save(Path file) {
        try (AunnModel m = new AunnModel(config); AunnTrainer t = new AunnTrainer(m)) {
            t.train(source, schedule(), 5);
            Snapshot.save(file, t, source.fingerprint());
        }
    }
}
