package org.scrollwork.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.DataType;

/** Thousands of single-voxel masks in one commit (the per-row index, {@link MaskRows}): counts, ranks and roles against a brute-force walk. */
class ScatteredMasksTest {

    @Test
    void ranksAndRolesOfScatteredVoxelsMatchBruteForce() throws IOException {
        int sx = 13, sy = 9, sz = 7;
        Role[][][] want = new Role[sz][sy][sx];
        List<Box> held = new ArrayList<>(), val = new ArrayList<>();
        Random rnd = new Random(5);
        for (int z = 0; z < sz; z++) {
            for (int y = 0; y < sy; y++) {
                for (int x = 0; x < sx; x++) {
                    double u = rnd.nextDouble();
                    Role r = u < 0.4 ? Role.HELD_OUT : u < 0.5 ? Role.VALIDATION : Role.TRAIN;
                    want[z][y][x] = r;
                    if (r == Role.HELD_OUT) held.add(new Box(x, y, z, x + 1, y + 1, z + 1));
                    if (r == Role.VALIDATION) val.add(new Box(x, y, z, x + 1, y + 1, z + 1));
                }
            }
        }
        assertTrue(held.size() > MaskRows.MIN_MASKS, "enough masks for the row index");
        Path dir = Files.createTempDirectory("scattered-masks");
        try (Corpus corpus = Corpus.create(dir, new CorpusOptions(20))) {
            CorpusRecord r = corpus.appendVolume(Oracles.volume(DataType.UINT16, sx, sy, sz, 0), RecordMeta.of("ct"), OptionalInt.empty());
            corpus.mask(r.id(), held, Role.HELD_OUT);
            corpus.mask(r.id(), val, Role.VALIDATION);
            assertEquals(held.size() * 2L, corpus.count(Role.HELD_OUT), "held-out bytes");
            assertEquals(val.size() * 2L, corpus.count(Role.VALIDATION), "validation bytes");
            check(corpus, r.id(), want);
            assertThrows(IllegalArgumentException.class, () -> corpus.mask(r.id(), List.of(new Box(0, 0, 0, sx, 1, 1)), Role.HELD_OUT),
                    "a row over existing voxel masks overlaps them");
            try (Corpus reopened = Corpus.open(dir)) {
                check(reopened, r.id(), want);
            }
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    @Test
    void overlappingBoxesInOneBatchAreRefused() throws IOException {
        Path dir = Files.createTempDirectory("scattered-masks");
        try (Corpus corpus = Corpus.create(dir, new CorpusOptions(20))) {
            CorpusRecord r = corpus.appendVolume(Oracles.volume(DataType.UINT8, 300, 4, 4, 0), RecordMeta.of("ct"), OptionalInt.empty());
            List<Box> boxes = new ArrayList<>();
            for (int x = 0; x < 299; x++) boxes.add(new Box(x, 1, 1, x + 1, 2, 2));
            boxes.add(new Box(100, 0, 0, 102, 3, 3)); // covers voxels (100, 1, 1) and (101, 1, 1)
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> corpus.mask(r.id(), boxes, Role.HELD_OUT));
            assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
            assertEquals(0, corpus.masks().size(), "nothing committed");
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    private static void check(Corpus corpus, int id, Role[][][] want) {
        CorpusRecord r = corpus.record(id);
        for (Role role : List.of(Role.TRAIN, Role.HELD_OUT, Role.VALIDATION)) {
            List<Long> idx = new ArrayList<>();
            for (int z = 0; z < want.length; z++) {
                for (int y = 0; y < want[0].length; y++) {
                    for (int x = 0; x < want[0][0].length; x++) {
                        if (want[z][y][x] != role) continue;
                        for (int b = 0; b < r.voxelBytes(); b++) idx.add(r.indexOf(x, y, z, b));
                    }
                }
            }
            idx.sort(null);
            long before = 0, others = 0; // the other (metadata) records carry no masks: all their bytes are TRAIN
            for (CorpusRecord o : corpus.records()) {
                if (o.id() == id || role != Role.TRAIN) continue;
                others += o.length();
                if (o.offset() < r.offset()) before += o.length();
            }
            assertEquals(idx.size() + others, corpus.count(role), role + " count");
            for (int k = 0; k < idx.size(); k++) assertEquals(idx.get(k), corpus.index(role, before + k), role + " rank " + k);
            for (long i : idx) assertEquals(role, corpus.locate(i).role().orElseThrow());
        }
    }
}
