package org.scrollwork.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.data.IndexLayout;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.io.DataType;
import org.scrollwork.io.VoxelSize;

/**
 * What the corpus tells the geometry embedding ({@link Corpus#layout()}), checked against the index law of CORPUS.md
 * (L4: {@code offset | z | y | x | byte}) computed here; and VALIDATION masks (M6).
 */
class CorpusLayoutTest {
    @TempDir Path dir;

    @Test void everyRecordIsARegionWithTheBitsOfItsPaddedShape() {
        try (Corpus c = Corpus.create(dir, new CorpusOptions(24))) {
            CorpusRecord a = c.appendVolume(Oracles.volume(DataType.UINT16, 3, 5, 2, 1),
                    RecordMeta.of("ct").withScrollId("S1").withVoxelSize(VoxelSize.isotropic(4)).withBeamEnergyKeV(54), OptionalInt.empty());
            CorpusRecord b = c.appendVolume(Oracles.volume(DataType.UINT8, 6, 4, 4, 2),
                    RecordMeta.of("ct").withScrollId("S1").withVoxelSize(VoxelSize.isotropic(8)).withBeamEnergyKeV(54), OptionalInt.empty());
            CorpusRecord ink = c.appendVolume(Oracles.volume(DataType.UINT8, 3, 5, 2, 3), RecordMeta.of("ink-label"), OptionalInt.of(a.id()));
            CorpusRecord other = c.appendVolume(Oracles.volume(DataType.UINT8, 2, 2, 2, 4), RecordMeta.of("ct"), OptionalInt.empty());
            CorpusRecord text = c.appendText("ΑΒΓ".getBytes(StandardCharsets.UTF_8), RecordMeta.of("text/papyrus-form"), OptionalInt.empty());
            IndexLayout layout = c.layout();
            assertEquals(c.records().size(), layout.regions().size());
            // scan a: padded 4×8×2, 2 bytes per voxel -> [z1 | y3 | x2 | b1]
            IndexLayout.Region ra = layout.find(a.offset() + 5);
            assertEquals(a.offset(), ra.offset());
            assertTrue(ra.volume());
            assertEquals(2, ra.xBits());
            assertEquals(3, ra.yBits());
            assertEquals(1, ra.zBits());
            assertEquals(1, ra.byteBits());
            assertArrayEquals(new double[] {4, 4, 4}, ra.voxelUm());
            IndexLayout.Region rb = layout.find(b.offset()), rink = layout.find(ink.offset()), rother = layout.find(other.offset());
            assertEquals(ra.frame(), rb.frame(), "one scroll, one frame");
            assertEquals(ra.frame(), rink.frame(), "aligned records share the frame of the record they align with");
            assertNotEquals(ra.frame(), rother.frame(), "a record with neither scroll id nor alignment has its own frame");
            assertNotEquals(ra.channel(), rb.channel(), "another voxel size is another channel");
            assertNotEquals(ra.channel(), rink.channel(), "another modality is another channel");
            IndexLayout.Region rt = layout.find(text.offset() + 1);
            assertFalse(rt.volume());
            assertNull(layout.find(a.offset() + a.blockSize()), "the metadata record after a is its own region, padding is none");
        }
    }

    @Test void validationMasksAreCountedReadAndKeptApartFromHeldOut() {
        try (Corpus c = Corpus.create(dir, new CorpusOptions(24))) {
            CorpusRecord a = c.appendVolume(Oracles.volume(DataType.UINT8, 4, 4, 4, 1), RecordMeta.of("ct"), OptionalInt.empty());
            c.mask(a.id(), new Box(0, 0, 1, 4, 4, 2), Role.HELD_OUT);
            c.mask(a.id(), new Box(0, 0, 3, 4, 4, 4), Role.VALIDATION);
            assertEquals(16, c.count(Role.VALIDATION));
            assertEquals(16, c.count(Role.HELD_OUT));
            long metaBytes = c.records().get(0).length();
            assertEquals(32 + metaBytes, c.count(Role.TRAIN));
            for (long k = 0; k < 16; k++) {
                long idx = c.index(Role.VALIDATION, k);
                assertEquals(3, (idx - a.offset()) >>> 4, "z bits of a validation index");
                assertEquals(c.byteAt(idx), c.byteAt(idx)); // readable
            }
        }
        try (Corpus c = Corpus.open(dir)) {
            assertEquals(16, c.count(Role.VALIDATION), "masks survive reopening");
        }
    }
}
