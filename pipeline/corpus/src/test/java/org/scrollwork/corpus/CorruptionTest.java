package org.scrollwork.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;

/** Damaged segments and manifests give typed errors naming the file; verify names the damaged record; the rest stays readable. */
class CorruptionTest {
    @TempDir Path dir;
    private int[] dataIds = new int[3];

    @BeforeEach
    void build() {
        try (Corpus c = Corpus.create(dir, CorpusOptions.defaults())) {
            dataIds[0] = c.appendVolume(Oracles.volume(DataType.UINT16, 9, 7, 5, 1), RecordMeta.of("ct"), OptionalInt.empty()).id();
            dataIds[1] = c.appendText("the quick brown fox", RecordMeta.of("text")).id();
            dataIds[2] = c.appendVolume(Oracles.volume(DataType.UINT8, 11, 6, 4, 3), RecordMeta.of("ct"), OptionalInt.empty()).id();
        }
    }

    private static void flipByte(Path file, long pos) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(pos);
            int b = f.read();
            f.seek(pos);
            f.write(b ^ 0x5A);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private static void assertVolumeReads(Corpus c, int id, DataType t, int salt) {
        CorpusRecord r = c.record(id);
        for (long z = 0; z < r.shape().z(); z++) {
            for (long y = 0; y < r.shape().y(); y++) {
                for (long x = 0; x < r.shape().x(); x++) {
                    for (int b = 0; b < t.bytesPerVoxel(); b++) {
                        assertEquals(Oracles.byteOf(t, x, y, z, b, salt), c.byteAt(r.indexOf(x, y, z, b)));
                    }
                }
            }
        }
    }

    @Test
    void intactCorpusVerifies() {
        try (Corpus c = Corpus.open(dir)) {
            VerifyReport v = c.verify();
            assertTrue(v.ok(), v.damaged().toString());
            assertEquals(6, v.recordsChecked());
        }
    }

    @Test
    void flippedSegmentByteIsReportedForItsRecordOnly() throws IOException {
        CorpusRecord target;
        try (Corpus c = Corpus.open(dir)) {
            target = c.record(dataIds[0]);
        }
        Path seg = dir.resolve(target.segment());
        flipByte(seg, target.segmentOffset() + 17);
        try (Corpus c = Corpus.open(dir)) {
            VerifyReport v = c.verify();
            assertEquals(1, v.damaged().size(), v.damaged().toString());
            VerifyReport.Damage d = v.damaged().get(0);
            assertEquals(dataIds[0], d.recordId());
            assertEquals(seg, d.segment());
            assertTrue(d.reason().contains("crc32c mismatch"), d.reason());
            assertVolumeReads(c, dataIds[2], DataType.UINT8, 3);
            assertEquals('t', c.byteAt(c.record(dataIds[1]).offset()));
        }
    }

    @Test
    void corruptManifestIsATypedErrorNamingTheFile() throws IOException {
        Path mf = dir.resolve(Corpus.MANIFEST);
        flipByte(mf, Files.size(mf) / 2);
        CorruptCorpusException e = assertThrows(CorruptCorpusException.class, () -> Corpus.open(dir));
        assertEquals(mf, e.path());
        assertTrue(e.getMessage().contains(mf.toString()), e.getMessage());
        assertTrue(e instanceof FormatException);
    }

    @Test
    void truncatedManifestIsATypedError() throws IOException {
        Path mf = dir.resolve(Corpus.MANIFEST);
        for (long keep : new long[] {0, 10, Files.size(mf) - 40, Files.size(mf) - 2}) {
            byte[] all = Files.readAllBytes(mf);
            truncate(mf, keep);
            CorruptCorpusException e = assertThrows(CorruptCorpusException.class, () -> Corpus.open(dir), "kept " + keep);
            assertEquals(mf, e.path());
            Files.write(mf, all);
        }
        try (Corpus c = Corpus.open(dir)) {
            assertTrue(c.verify().ok());
        }
    }

    @Test
    void missingManifestIsATypedError() throws IOException {
        Files.delete(dir.resolve(Corpus.MANIFEST));
        assertThrows(CorruptCorpusException.class, () -> Corpus.open(dir));
    }

    @Test
    void truncatedSegmentFailsStrictOpenAndSalvageKeepsTheRest() throws IOException {
        CorpusRecord target;
        try (Corpus c = Corpus.open(dir)) {
            target = c.record(dataIds[2]);
        }
        Path seg = dir.resolve(target.segment());
        truncate(seg, target.segmentOffset() + 20);
        CorruptCorpusException strict = assertThrows(CorruptCorpusException.class, () -> Corpus.open(dir));
        assertEquals(seg, strict.path());
        try (Corpus c = Corpus.open(dir, Corpus.OpenMode.SALVAGE)) {
            assertVolumeReads(c, dataIds[0], DataType.UINT16, 1);
            assertEquals(Oracles.byteOf(DataType.UINT8, 0, 0, 0, 0, 3), c.byteAt(target.indexOf(0, 0, 0, 0)));
            CorruptCorpusException e = assertThrows(CorruptCorpusException.class, () -> c.byteAt(target.indexOf(10, 5, 3, 0)));
            assertEquals(seg, e.path());
            VerifyReport v = c.verify();
            assertEquals(1, v.damaged().size());
            assertEquals(dataIds[2], v.damaged().get(0).recordId());
            assertTrue(v.damaged().get(0).reason().startsWith("truncated"));
        }
    }

    @Test
    void leftoversOfACrashedAppendAreIgnoredThenCleaned() throws IOException {
        Path orphan = dir.resolve("seg-00000004.dat");
        Files.write(orphan, new byte[] {1, 2, 3});
        Path tmp = dir.resolve(".manifest.json.1.2.tmp");
        Files.write(tmp, new byte[] {'{'});
        String before;
        try (Corpus c = Corpus.open(dir)) {
            before = c.fingerprint();
            assertEquals(6, c.records().size());
            assertTrue(c.verify().ok());
            c.appendText("after the crash", RecordMeta.of("text"));
            assertFalse(Files.exists(tmp));
            assertFalse(before.equals(c.fingerprint()));
        }
        try (Corpus c = Corpus.open(dir)) {
            assertEquals(8, c.records().size());
            assertEquals('a', c.byteAt(c.record(7).offset()));
            assertTrue(c.verify().ok());
        }
    }
}
