package org.scrollwork.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.VoxelSize;

/** Manifest envelope, masks, fingerprints, index-space limits, readers during appends. */
class ManifestStateTest {
    @TempDir Path dir;

    @Test
    void manifestChecksumIsCrc32cOfTheBodyBytes() throws Exception {
        try (Corpus c = Corpus.create(dir, new CorpusOptions(44))) {
            c.appendText("abc", RecordMeta.of("text"));
        }
        byte[] file = Files.readAllBytes(dir.resolve(Corpus.MANIFEST));
        String s = new String(file, StandardCharsets.UTF_8);
        assertTrue(s.startsWith("{\"checksum\":\"crc32c:"));
        int start = s.indexOf("\"manifest\":") + "\"manifest\":".length();
        byte[] body = java.util.Arrays.copyOfRange(file, start, file.length - 2);
        CRC32C crc = new CRC32C();
        crc.update(body);
        assertEquals(String.format("%08x", crc.getValue()), s.substring(20, 28));
        JsonNode whole = new ObjectMapper().readTree(file);
        assertEquals(44, whole.get("manifest").get("indexBits").asInt());
        try (Corpus c = Corpus.open(dir)) {
            assertEquals("crc32c:" + s.substring(20, 28), c.legacyFingerprint(), "the manifest checksum, the fingerprint before content fingerprints");
            assertEquals(44, c.indexBits());
        }
    }

    @Test
    void masksPersistAndChangeTheFingerprint() {
        String f0;
        String f1;
        try (Corpus c = Corpus.create(dir, CorpusOptions.defaults())) {
            CorpusRecord v = c.appendVolume(Oracles.volume(DataType.UINT16, 4, 4, 4, 0), RecordMeta.of("ct"), OptionalInt.empty());
            CorpusRecord t = c.appendText("0123456789", RecordMeta.of("text"));
            f0 = c.fingerprint();
            long train = c.count(Role.TRAIN);
            c.mask(v.id(), new Box(1, 1, 1, 3, 3, 2), Role.HELD_OUT);
            c.mask(t.id(), 2, 5, Role.UNKNOWN);
            f1 = c.fingerprint();
            assertNotEquals(f0, f1);
            assertEquals(2 * 2 * 2 * 1, c.count(Role.HELD_OUT));
            assertEquals(3, c.count(Role.UNKNOWN));
            assertEquals(train - 8 - 3, c.count(Role.TRAIN));
            assertThrows(IllegalArgumentException.class, () -> c.mask(v.id(), new Box(0, 0, 0, 2, 2, 2), Role.UNKNOWN), "overlap");
            assertThrows(IllegalArgumentException.class, () -> c.mask(v.id(), new Box(0, 0, 0, 5, 1, 1), Role.UNKNOWN), "outside");
            assertThrows(IllegalArgumentException.class, () -> c.byteAt(t.offset() + 3), "UNKNOWN has no known byte");
            assertEquals('1', c.byteAt(t.offset() + 1));
            byte[] buf = new byte[10];
            c.read(t.offset(), buf, 0, 10);
            assertEquals("01\0\0\0" + "56789", new String(buf, StandardCharsets.US_ASCII));
        }
        try (Corpus c = Corpus.open(dir)) {
            assertEquals(f1, c.fingerprint());
            assertEquals(2, c.masks().size());
            assertEquals(3, c.count(Role.UNKNOWN));
        }
    }

    @Test
    void indexSpaceIsBounded() {
        try (Corpus c = Corpus.create(dir, new CorpusOptions(16))) {
            c.appendVolume(Oracles.volume(DataType.UINT8, 100, 100, 1, 0), RecordMeta.of("ct"), OptionalInt.empty());
            assertThrows(CorpusFullException.class,
                    () -> c.appendVolume(Oracles.volume(DataType.UINT8, 200, 200, 1, 0), RecordMeta.of("ct"), OptionalInt.empty()));
            assertEquals(2, c.records().size(), "a refused append changes nothing");
            assertTrue(c.verify().ok());
        }
        assertThrows(IllegalArgumentException.class, () -> new CorpusOptions(49));
    }

    @Test
    void readerOpenedBeforeAnAppendKeepsItsState() {
        try (Corpus w = Corpus.create(dir, CorpusOptions.defaults())) {
            w.appendText("first", RecordMeta.of("text"));
            try (Corpus r = Corpus.open(dir)) {
                String fp = r.fingerprint();
                w.appendText("second", RecordMeta.of("text"));
                assertEquals(2, r.records().size());
                assertEquals(fp, r.fingerprint());
                assertEquals('f', r.byteAt(r.record(1).offset()));
                try (Corpus r2 = Corpus.open(dir)) {
                    assertEquals(4, r2.records().size());
                    assertEquals('s', r2.byteAt(r2.record(3).offset()));
                }
                assertThrows(IllegalStateException.class, () -> r.appendText("third", RecordMeta.of("text")), "one writer at a time");
            }
        }
    }

    @Test
    void scanMetadataIsWrittenIntoTheList() throws Exception {
        ScanMetadata scan = ScanMetadata.builder(DataType.UINT8).scrollId("PHerc0332").scanId("20231201").voxelSizeUm(VoxelSize.isotropic(7.91))
                .beamEnergyKeV(54.0).provenance("source", "/data/scan.tif").build();
        try (Corpus c = Corpus.create(dir, CorpusOptions.defaults())) {
            Object arr = new byte[8];
            CorpusRecord v = c.appendVolume(org.scrollwork.io.Volumes.wrap(arr, new long[] {2, 2, 2}, scan));
            CorpusRecord m = c.record(v.id() - 1);
            byte[] bytes = new byte[(int) m.length()];
            c.read(m.offset(), bytes, 0, bytes.length);
            JsonNode j = new ObjectMapper().readTree(bytes);
            assertEquals("PHerc0332", j.get("scrollId").asText());
            assertEquals(7.91, j.get("voxelSizeUm").get(0).asDouble());
            assertEquals(54.0, j.get("beamEnergyKeV").asDouble());
            assertEquals("/data/scan.tif", j.get("sourcePath").asText());
            assertEquals("volume", j.get("kind").asText());
            JsonNode view = new ObjectMapper().readTree(c.toJson());
            assertEquals(2, view.get("records").size());
            assertEquals("VOLUME", view.get("records").get(1).get("kind").asText());
            assertEquals(3, view.get("records").get(1).get("blockBits").asInt());
        }
    }
}
