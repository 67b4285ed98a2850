package org.scrollwork.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;

/** The content fingerprint (CORPUS.md rules F1-F5): equal for equal content whatever its provenance, different for any change of content. */
class ContentFingerprintTest {
    @TempDir Path dir;
    private int corpora;

    /** What one ingest puts in a corpus: a scan, its ink labels aligned with it, a text, masks. */
    private record Ingest(RecordMeta scan, RecordMeta labels, RecordMeta text, int changedVoxel, boolean maskFirstScanThenText) {
        /** The same data, said to come from files under {@code source} (none when null) with this checksum. */
        static Ingest from(String source, String checksum) {
            RecordMeta scan = RecordMeta.of("ct").withScrollId("PHerc0332").withScanId("20231027191953").withVoxelSize(VoxelSize.isotropic(7.91))
                    .withBeamEnergyKeV(53);
            RecordMeta labels = RecordMeta.of("ink-label").withScrollId("PHerc0332");
            RecordMeta text = RecordMeta.of("text");
            if (source != null) {
                scan = scan.withSource(source + "/volume.zarr", checksum);
                labels = labels.withSource(source + "/inklabels.png", null);
                text = text.withSource(source + "/transcript.txt", checksum);
            }
            return new Ingest(scan, labels, text, -1, true);
        }

        Ingest withScan(RecordMeta m) { return new Ingest(m, labels, text, changedVoxel, maskFirstScanThenText); }
        Ingest withChangedVoxel(int i) { return new Ingest(scan, labels, text, i, maskFirstScanThenText); }
        Ingest withMasksCommittedTextFirst() { return new Ingest(scan, labels, text, changedVoxel, false); }
    }

    private Corpus write(Ingest in) { return write(in, c -> { }); }

    /** A fresh corpus holding {@code in}, then whatever {@code more} adds; reopened from disk. */
    private Corpus write(Ingest in, Consumer<Corpus> more) {
        Path d = dir.resolve("corpus-" + corpora++);
        try (Corpus c = Corpus.create(d, new CorpusOptions(24))) {
            short[] v = new short[16 * 12 * 3];
            for (int i = 0; i < v.length; i++) v[i] = (short) (i * 37 + 5);
            if (in.changedVoxel() >= 0) v[in.changedVoxel()] ^= 1;
            CorpusRecord scan = c.appendVolume(Volumes.wrap(v, new long[] {16, 12, 3}, ScanMetadata.of(DataType.UINT16)), in.scan(), OptionalInt.empty());
            byte[] ink = new byte[16 * 12];
            for (int i = 0; i < ink.length; i++) ink[i] = (byte) (i % 7 == 0 ? 255 : 0);
            c.appendVolume(Volumes.wrap(ink, new long[] {16, 12, 1}, ScanMetadata.of(DataType.UINT8)), in.labels(), OptionalInt.of(scan.id()));
            CorpusRecord text = c.appendText("ΚΑΙ ΤΟΝ ΘΕΟΝ ΛΕΓΟΥΣΙ", in.text());
            Runnable maskScan = () -> c.mask(scan.id(), List.of(new Box(0, 0, 2, 16, 12, 3), new Box(3, 4, 0, 5, 6, 1)), Role.HELD_OUT);
            Runnable maskText = () -> c.mask(text.id(), 4, 7, Role.UNKNOWN);
            if (in.maskFirstScanThenText()) {
                maskScan.run();
                maskText.run();
            } else {
                maskText.run();
                maskScan.run();
            }
            more.accept(c);
        }
        return Corpus.open(d);
    }

    private static List<Long> offsets(Corpus c) { return c.records().stream().map(CorpusRecord::offset).toList(); }

    @Test
    void theSameDataIngestedFromOtherFilesHasTheSameFingerprint() {
        try (Corpus a = write(Ingest.from("/data/scrolls/PHerc0332", "sha256:1111aaaa"));
             Corpus b = write(Ingest.from("/mnt/nas/copy-of-332", "blake3:2222bbbb").withMasksCommittedTextFirst());
             Corpus third = write(Ingest.from("/home/me", null))) {
            assertEquals(offsets(a), offsets(b), "the same indices: provenance of these lengths moves no record");
            assertEquals(offsets(a), offsets(third));
            assertNotEquals(a.legacyFingerprint(), b.legacyFingerprint(), "the manifests differ (paths, checksums, mask order)");
            assertEquals(a.fingerprint(), b.fingerprint());
            assertEquals(a.fingerprint(), third.fingerprint());
            assertTrue(a.fingerprint().matches("content-sha256:[0-9a-f]{64}"), a.fingerprint());
            assertNotEquals(a.record(0).crc32c(), b.record(0).crc32c(), "the METADATA records' bytes hold the paths, yet do not count");
        }
    }

    @Test
    void anyChangeOfContentChangesTheFingerprint() {
        Ingest base = Ingest.from("/data/scrolls/PHerc0332", "sha256:1111aaaa");
        List<String> seen = new ArrayList<>();
        try (Corpus c = write(base)) {
            seen.add(c.fingerprint());
        }
        List<Ingest> changed = List.of(
                base.withChangedVoxel(100), // one bit of one stored byte
                base.withScan(base.scan().withVoxelSize(new VoxelSize(7.91, 7.91, 7.92))),
                base.withScan(base.scan().withScrollId("PHerc0333")),
                base.withScan(base.scan().withResolutionLevel(1)),
                base.withScan(new RecordMeta("ct-tomo", base.scan().scrollId(), base.scan().scanId(), base.scan().voxelSizeUm(),
                        base.scan().beamEnergyKeV(), 0, base.scan().sourcePath(), base.scan().sourceChecksum())));
        for (Ingest in : changed) {
            try (Corpus c = write(in)) {
                seen.add(c.fingerprint());
            }
        }
        try (Corpus c = write(base, k -> k.mask(k.records().size() - 1, 0, 1, Role.VALIDATION))) { // one more mask
            seen.add(c.fingerprint());
        }
        try (Corpus c = write(base, k -> k.appendText("ΚΑΙ", RecordMeta.of("text")))) { // one more record
            seen.add(c.fingerprint());
        }
        assertEquals(seen.size(), seen.stream().distinct().count(), "all differ: " + seen);
    }

    @Test
    void aMaskOfAnotherRoleOrBoxChangesTheFingerprint() {
        String[] fps = new String[3];
        Role[] roles = {Role.HELD_OUT, Role.VALIDATION, Role.HELD_OUT};
        long[] ends = {10, 10, 11};
        for (int i = 0; i < 3; i++) {
            Path d = dir.resolve("masked-" + i);
            try (Corpus c = Corpus.create(d, new CorpusOptions(20))) {
                CorpusRecord t = c.appendText("0123456789abcdef", RecordMeta.of("text"));
                c.mask(t.id(), 8, ends[i], roles[i]);
                fps[i] = c.fingerprint();
            }
        }
        assertEquals(3, java.util.Arrays.stream(fps).distinct().count(), java.util.Arrays.toString(fps));
    }

    @Test
    void theRecordOrderCounts() {
        String[] fps = new String[2];
        for (int i = 0; i < 2; i++) {
            try (Corpus c = Corpus.create(dir.resolve("order-" + i), new CorpusOptions(20))) {
                List<String> texts = i == 0 ? List.of("first text", "second text") : List.of("second text", "first text");
                for (String t : texts) c.appendText(t, RecordMeta.of("text"));
                fps[i] = c.fingerprint();
            }
        }
        assertNotEquals(fps[0], fps[1]);
    }

    /** Rule F5: provenance never counts itself, but a METADATA record it lengthens past a power of two moves later records. */
    @Test
    void provenanceThatMovesARecordChangesTheFingerprint() {
        try (Corpus a = write(Ingest.from("/data/scrolls/PHerc0332", "sha256:1111aaaa")); Corpus none = write(Ingest.from(null, null))) {
            assertNotEquals(offsets(a), offsets(none), "without a source the text's METADATA record fits 128 bytes, so the text starts 128 earlier");
            assertNotEquals(a.fingerprint(), none.fingerprint());
        }
    }

    @Test
    void aSourcePathLongEnoughToMoveLaterRecordsChangesTheFingerprint() {
        String[] fps = new String[2];
        List<List<Long>> offs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try (Corpus c = Corpus.create(dir.resolve("moved-" + i), new CorpusOptions(20))) {
                c.appendText("a short text", RecordMeta.of("text").withSource("/t/" + "p".repeat(i == 0 ? 1 : 200) + ".txt", null));
                c.appendText("another text", RecordMeta.of("text"));
                fps[i] = c.fingerprint();
                offs.add(offsets(c));
            }
        }
        assertNotEquals(offs.get(0), offs.get(1), "the longer path makes the first METADATA record's block 512 bytes, not 128");
        assertNotEquals(fps[0], fps[1]);
    }

    @Test
    void anOldStyleFingerprintStillMatchesItsCorpus() throws Exception {
        try (Corpus a = write(Ingest.from("/data/a", "sha256:aa")); Corpus b = write(Ingest.from("/data/b", "sha256:bb"))) {
            String file = new String(Files.readAllBytes(a.directory().resolve(Corpus.MANIFEST)), StandardCharsets.US_ASCII);
            String old = "crc32c:" + file.substring(20, 28); // what fingerprint() returned before content fingerprints
            assertEquals(old, a.legacyFingerprint());
            assertTrue(a.matchesFingerprint(old));
            assertTrue(a.matchesFingerprint(a.fingerprint()));
            assertTrue(a.matchesFingerprint(b.fingerprint()), "same content");
            assertFalse(a.matchesFingerprint(b.legacyFingerprint()), "an old-style fingerprint names one manifest exactly");
            assertFalse(a.matchesFingerprint("crc32c:00000000"));
            assertFalse(a.matchesFingerprint(null));
        }
        try (Corpus c = write(Ingest.from("/data/a", "sha256:aa"), k -> k.appendText("later", RecordMeta.of("text")))) {
            String before = c.legacyFingerprint();
            c.mask(c.records().size() - 1, 0, 1, Role.HELD_OUT);
            assertFalse(c.matchesFingerprint(before), "the old-style fingerprint of an earlier state no longer matches");
        }
    }

    @Test
    void aPrefixFingerprintIsTheFingerprintOfACorpusHoldingOnlyTheseRecords() {
        Ingest in = Ingest.from("/data/a", "sha256:aa");
        try (Corpus whole = write(in, k -> k.mask(k.appendText("later", RecordMeta.of("text")).id(), 0, 2, Role.HELD_OUT));
             Corpus fewer = write(in)) {
            int n = fewer.records().size();
            assertEquals(fewer.fingerprint(), whole.fingerprint(n), "the later record and its mask are left out");
            assertNotEquals(whole.fingerprint(), whole.fingerprint(n));
            assertEquals(whole.fingerprint(), whole.fingerprint(whole.records().size()));
            assertThrows(IllegalArgumentException.class, () -> whole.fingerprint(whole.records().size() + 1));
        }
    }

    /** Prints what a fingerprint costs on a corpus of a few MB, without and with many masks, beside a full read of its bytes. */
    @Test
    void theFingerprintReadsNoData() {
        Path d = dir.resolve("sized");
        try (Corpus c = Corpus.create(d, new CorpusOptions(32))) {
            for (int i = 0; i < 4; i++) {
                c.appendVolume(Oracles.volume(DataType.UINT16, 256, 256, 16, i), RecordMeta.of("ct").withSource("/data/part-" + i + ".tif", null),
                        OptionalInt.empty());
            }
        }
        String unmasked = timeFingerprint(d);
        try (Corpus c = Corpus.open(d)) {
            List<Box> boxes = new ArrayList<>();
            for (int y = 0; y < 256; y++) for (int x = 0; x < 256; x += 16) boxes.add(new Box(x, y, 15, x + 3, y + 1, 16));
            c.mask(7, boxes, Role.HELD_OUT);
        }
        assertNotEquals(unmasked, timeFingerprint(d));
    }

    private static String timeFingerprint(Path d) {
        String fp = null;
        for (int round = 0; round < 5; round++) {
            long tOpen = System.nanoTime();
            try (Corpus c = Corpus.open(d)) {
                long t0 = System.nanoTime();
                fp = c.fingerprint();
                long t1 = System.nanoTime();
                assertEquals(fp, c.fingerprint());
                long t2 = System.nanoTime();
                VerifyReport v = c.verify();
                long t3 = System.nanoTime();
                assertTrue(v.ok());
                System.out.printf("%d records, %d masks, %.1f MB stored: open %.2f ms; content fingerprint %.2f ms (again: %.3f ms); verify() reading every byte %.2f ms%n",
                        c.records().size(), c.masks().size(), v.bytesChecked() / 1e6, (t0 - tOpen) / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
            }
        }
        return fp;
    }
}
