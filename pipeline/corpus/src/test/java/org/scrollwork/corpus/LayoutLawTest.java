package org.scrollwork.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.io.DataType;

/** The layout law, checked exhaustively: index bits == block | z | y | x | byte, and the byte there is the oracle's. */
class LayoutLawTest {
    @TempDir Path dir;

    /** What the test expects of one data record, computed here, not by the corpus. */
    private record Expect(int id, DataType t, long sx, long sy, long sz, int pvb, long px, long py, long pz, int salt) {}

    private static int log2(long v) {
        assertEquals(1, Long.bitCount(v), v + " is a power of two");
        return Long.numberOfTrailingZeros(v);
    }

    private static long p2(long v) {
        long p = 1;
        while (p < v) p <<= 1;
        return p;
    }

    @Test
    void everyByteOfSmallVolumesSitsAtItsBitComposedIndex() throws Exception {
        List<Expect> ex = new ArrayList<>();
        try (Corpus c = Corpus.create(dir, new CorpusOptions(24))) {
            int a = c.appendVolume(Oracles.volume(DataType.UINT16, 3, 5, 2, 1), RecordMeta.of("ct"), OptionalInt.empty()).id();
            ex.add(new Expect(a, DataType.UINT16, 3, 5, 2, 2, 4, 8, 2, 1));
            int b = c.appendVolume(Oracles.volume(DataType.UINT8, 1, 1, 1, 2), RecordMeta.of("ct"), OptionalInt.empty()).id();
            ex.add(new Expect(b, DataType.UINT8, 1, 1, 1, 1, 1, 1, 1, 2));
            int d = c.appendVolume(Oracles.volume(DataType.UINT8, 7, 4, 3, 3), RecordMeta.of("ct"), OptionalInt.empty()).id();
            ex.add(new Expect(d, DataType.UINT8, 7, 4, 3, 1, 8, 4, 4, 3));
            int e = c.appendVolume(Oracles.volume(DataType.UINT32, 2, 3, 5, 4), RecordMeta.of("ct"), OptionalInt.empty()).id();
            ex.add(new Expect(e, DataType.UINT32, 2, 3, 5, 4, 2, 4, 8, 4));
            // an ink label (uint8, smaller) aligned with the uint16 scan: same padded shape and voxel width
            int f = c.appendVolume(Oracles.volume(DataType.UINT8, 3, 4, 2, 5), RecordMeta.of("ink-label"), OptionalInt.of(a)).id();
            ex.add(new Expect(f, DataType.UINT8, 3, 4, 2, 2, 4, 8, 2, 5));
            int g = c.appendVolume(Oracles.volume(DataType.UINT16, 3, 5, 2, 6), RecordMeta.of("ct").withBeamEnergyKeV(80), OptionalInt.of(a)).id();
            ex.add(new Expect(g, DataType.UINT16, 3, 5, 2, 2, 4, 8, 2, 6));
            checkAll(c, ex);
            checkAligned(c.record(a), c.record(f));
            checkAligned(c.record(a), c.record(g));
        }
        // the same after reopening, with tiny (4 KiB) mapping windows
        try (Corpus c = Corpus.open(dir, Corpus.OpenMode.STRICT, 12)) {
            checkAll(c, ex);
        }
    }

    private void checkAll(Corpus c, List<Expect> ex) throws Exception {
        long prevEnd = 0;
        for (CorpusRecord r : c.records()) {
            assertEquals(0, r.offset() % r.blockSize(), "record " + r.id() + " starts at a multiple of its block");
            assertTrue(r.offset() >= prevEnd, "records do not overlap");
            prevEnd = r.end();
        }
        for (Expect e : ex) {
            CorpusRecord r = c.record(e.id);
            CorpusRecord meta = c.record(e.id - 1);
            assertEquals(RecordKind.METADATA, meta.kind());
            assertEquals(e.id, meta.describes());
            checkMetadataRecord(c, meta, e);
            int bb = log2(e.pvb), xb = log2(e.px), yb = log2(e.py), zb = log2(e.pz);
            assertEquals(bb + xb + yb + zb, r.blockBits());
            byte[] block = new byte[(int) r.blockSize()];
            c.read(r.offset(), block, 0, block.length);
            for (long z = 0; z < e.pz; z++) {
                for (long y = 0; y < e.py; y++) {
                    for (long x = 0; x < e.px; x++) {
                        for (int b = 0; b < e.pvb; b++) {
                            long idx = r.offset() | (z << (bb + xb + yb)) | (y << (bb + xb)) | (x << bb) | b;
                            assertEquals(idx, r.indexOf(x, y, z, b));
                            Location loc = c.locate(idx);
                            assertEquals(e.id, loc.recordId());
                            assertEquals(List.of(x, y, z, (long) b), List.of(loc.x(), loc.y(), loc.z(), (long) loc.byteInVoxel()));
                            boolean real = x < e.sx && y < e.sy && z < e.sz && b < e.t.bytesPerVoxel();
                            int pos = (int) (idx - r.offset());
                            if (real) {
                                int want = Oracles.byteOf(e.t, x, y, z, b, e.salt);
                                assertEquals(Location.Place.DATA, loc.place());
                                assertEquals(Role.TRAIN, loc.role().orElseThrow());
                                assertEquals(want, c.byteAt(idx), "record " + e.id + " (" + x + "," + y + "," + z + ") byte " + b);
                                assertEquals(want, block[pos] & 0xFF);
                            } else {
                                assertEquals(Location.Place.PADDING, loc.place());
                                assertThrows(IllegalArgumentException.class, () -> c.byteAt(idx));
                                assertEquals(0, block[pos]);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void checkMetadataRecord(Corpus c, CorpusRecord meta, Expect e) throws Exception {
        byte[] bytes = new byte[(int) meta.length()];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) c.byteAt(meta.offset() + i);
        assertEquals(p2(bytes.length), meta.blockSize());
        JsonNode j = new ObjectMapper().readTree(new String(bytes, StandardCharsets.UTF_8));
        assertEquals(e.id, j.get("record").asInt());
        assertEquals(e.t.numpyName(), j.get("dtype").asText());
        assertEquals(List.of(e.sx, e.sy, e.sz), List.of(j.get("shape").get(0).asLong(), j.get("shape").get(1).asLong(), j.get("shape").get(2).asLong()));
        assertEquals(List.of(e.px, e.py, e.pz), List.of(j.get("paddedShape").get(0).asLong(), j.get("paddedShape").get(1).asLong(), j.get("paddedShape").get(2).asLong()));
    }

    private static void checkAligned(CorpusRecord a, CorpusRecord b) {
        assertEquals(a.blockBits(), b.blockBits());
        for (long z = 0; z < a.paddedShape().z(); z++) {
            for (long y = 0; y < a.paddedShape().y(); y++) {
                for (long x = 0; x < a.paddedShape().x(); x++) {
                    long diff = a.indexOf(x, y, z, 0) ^ b.indexOf(x, y, z, 0);
                    assertEquals(0, diff & (a.blockSize() - 1), "aligned records differ only in block bits");
                }
            }
        }
    }

    @Test
    void paddingCostsNoStorage() throws Exception {
        try (Corpus c = Corpus.create(dir, CorpusOptions.defaults())) {
            CorpusRecord r = c.appendVolume(Oracles.volume(DataType.UINT16, 3, 5, 2, 0), RecordMeta.of("ct"), OptionalInt.empty());
            CorpusRecord m = c.record(r.id() - 1);
            assertEquals(m.length() + 3 * 5 * 2 * 2, Files.size(dir.resolve(r.segment())));
            CorpusRecord t = c.appendText("ΑΒΓ scroll", RecordMeta.of("text"));
            byte[] utf8 = "ΑΒΓ scroll".getBytes(StandardCharsets.UTF_8);
            assertEquals(utf8.length, t.shape().x());
            assertEquals(16, t.blockSize());
            byte[] got = new byte[utf8.length];
            c.read(t.offset(), got, 0, got.length);
            assertArrayEquals(utf8, got);
        }
    }

    @Test
    void windowedMappingReadsAcrossWindowBoundaries() throws Exception {
        int salt = 7;
        try (Corpus c = Corpus.create(dir, CorpusOptions.defaults())) {
            c.appendVolume(Oracles.volume(DataType.UINT16, 50, 40, 3, salt), RecordMeta.of("ct"), OptionalInt.empty());
        }
        try (Corpus c = Corpus.open(dir, Corpus.OpenMode.STRICT, 12)) {
            CorpusRecord r = c.record(1);
            for (long z = 0; z < 3; z++) {
                for (long y = 0; y < 40; y++) {
                    byte[] row = new byte[100];
                    c.read(r.indexOf(0, y, z, 0), row, 0, 100);
                    for (int x = 0; x < 50; x++) {
                        assertEquals(Oracles.byteOf(DataType.UINT16, x, y, z, 0, salt), row[2 * x] & 0xFF);
                        assertEquals(Oracles.byteOf(DataType.UINT16, x, y, z, 1, salt), row[2 * x + 1] & 0xFF);
                        assertEquals(Oracles.byteOf(DataType.UINT16, x, y, z, 1, salt), c.byteAt(r.indexOf(x, y, z, 1)));
                    }
                }
            }
        }
    }
}
