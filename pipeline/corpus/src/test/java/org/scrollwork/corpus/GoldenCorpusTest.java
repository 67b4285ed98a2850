package org.scrollwork.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.data.Role;

/**
 * The example corpus of CORPUS.md, written by version 1 and kept as a golden file: this version must
 * read it exactly as the specification says (N5-style compatibility test). Expected values come from
 * the specification's rules, not from the code.
 */
class GoldenCorpusTest {
    private static Path golden() throws Exception {
        return Path.of(GoldenCorpusTest.class.getResource("/corpus/golden-v1/manifest.json").toURI()).getParent();
    }

    @Test
    void version1GoldenCorpusReadsAsSpecified() throws Exception {
        try (Corpus c = Corpus.open(golden())) {
            assertEquals(16, c.indexBits());
            assertEquals("crc32c:47d5fbcb", c.fingerprint());
            assertEquals(List.of(0L, 256L, 384L, 512L), c.records().stream().map(CorpusRecord::offset).toList());
            // rule L4: index = 256 | y << 3 | x << 1 | byte, voxel (x, y) = 0x0100 * (y + 1) + x, big-endian
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 3; x++) {
                    int v = GoldenCorpus.voxel(x, y);
                    assertEquals(v >>> 8, c.byteAt(256 | y << 3 | x << 1));
                    assertEquals(v & 0xFF, c.byteAt(256 | y << 3 | x << 1 | 1));
                }
                int row = y;
                assertThrows(IllegalArgumentException.class, () -> c.byteAt(256 | row << 3 | 3 << 1), "x = 3 is padding");
            }
            byte[] text = GoldenCorpus.TEXT.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < text.length; i++) assertEquals(text[i] & 0xFF, c.byteAt(512 + i));
            assertEquals(Location.Place.GAP, c.locate(300).place());
            assertEquals(Role.HELD_OUT, c.locate(514).role().orElseThrow());
            assertEquals(2, c.count(Role.HELD_OUT));
            assertEquals(0, c.count(Role.UNKNOWN));
            assertEquals(c.record(0).length() + 12 + c.record(2).length() + 8, c.count(Role.TRAIN));
            assertEquals('{', c.byteAt(0));
            assertTrue(c.verify().ok());
        }
    }
}
