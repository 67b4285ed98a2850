package org.scrollwork.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
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

    /** The example's content (CORPUS.md, Fingerprint): the manifest body less segments, storage keys, the METADATA records' byte keys. */
    private static final String CONTENT = "{\"format\":\"scrollwork-corpus\",\"version\":1,\"indexBits\":16,\"records\":[{\"id\":0,\"kind\":\"METADATA\",\"offset\":0,\"dtype\":\"uint8\",\"paddedVoxelBytes\":1,\"alignedWith\":-1,\"describes\":1,\"meta\":{\"modality\":\"ct\",\"scrollId\":\"S1\",\"voxelSizeUm\":[8.0,8.0,8.0],\"resolutionLevel\":0}}"
            + ",{\"id\":1,\"kind\":\"VOLUME\",\"offset\":256,\"blockBits\":4,\"shape\":[3,2,1],\"paddedShape\":[4,2,1],\"dtype\":\"uint16\",\"paddedVoxelBytes\":2,\"length\":12,\"crc32c\":\"bb97b912\",\"alignedWith\":-1,\"describes\":-1,\"meta\":{\"modality\":\"ct\",\"scrollId\":\"S1\",\"voxelSizeUm\":[8.0,8.0,8.0],\"resolutionLevel\":0}}"
            + ",{\"id\":2,\"kind\":\"METADATA\",\"offset\":384,\"dtype\":\"uint8\",\"paddedVoxelBytes\":1,\"alignedWith\":-1,\"describes\":3,\"meta\":{\"modality\":\"text\",\"resolutionLevel\":0}}"
            + ",{\"id\":3,\"kind\":\"TEXT\",\"offset\":512,\"blockBits\":4,\"shape\":[10,1,1],\"paddedShape\":[16,1,1],\"dtype\":\"uint8\",\"paddedVoxelBytes\":1,\"length\":10,\"crc32c\":\"4ad0f9a3\",\"alignedWith\":-1,\"describes\":-1,\"meta\":{\"modality\":\"text\",\"resolutionLevel\":0}}"
            + "],\"masks\":[{\"record\":3,\"role\":\"HELD_OUT\",\"box\":[2,0,0,4,1,1]}]}";

    @Test
    void version1GoldenCorpusReadsAsSpecified() throws Exception {
        try (Corpus c = Corpus.open(golden())) {
            assertEquals(16, c.indexBits());
            assertEquals("crc32c:47d5fbcb", c.legacyFingerprint(), "rule M2: the manifest checksum");
            assertEquals(CONTENT, new String(ContentFingerprint.content(c.indexBits(), c.records(), c.masks()), StandardCharsets.UTF_8), "rules F2-F4");
            assertEquals("content-sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CONTENT.getBytes(StandardCharsets.UTF_8))),
                    c.fingerprint(), "rule F1");
            assertEquals("content-sha256:905186bb4a26d7dbb66d64c18c31f23184eb83edab2c68c336ca88cf861ea569", c.fingerprint(), "the example's value in CORPUS.md");
            assertTrue(c.matchesFingerprint("crc32c:47d5fbcb"), "a snapshot recorded under rule M2 still matches (F6)");
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
