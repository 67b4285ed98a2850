package org.scrollwork.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.Location;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volumes;

/** Random and box hold-outs: the requested voxels, reproducibly with a seed, and never a held-out voxel among the trained indices. */
class VoxelHoldOutTest {
    private static final int NX = 10, NY = 8, NZ = 6, N = NX * NY * NZ;

    @TempDir Path dir;

    private static CorpusRecord volume(Corpus c) {
        short[] v = new short[N];
        for (int i = 0; i < v.length; i++) v[i] = (short) (i * 77);
        return c.appendVolume(Volumes.wrap(v, new long[] {NX, NY, NZ}, ScanMetadata.builder(DataType.UINT16).build()), RecordMeta.of("ct"), OptionalInt.empty());
    }

    /** Each voxel's role as the trained, held-out and validation indices of the corpus place it: 0 train, 1 held out, 2 validation. */
    private static int[] rolesByIndex(Corpus c, CorpusRecord r) {
        int[] out = new int[N];
        java.util.Arrays.fill(out, -1);
        int[] code = {0, 1, -1, 2}; // Role order: TRAIN, HELD_OUT, UNKNOWN, VALIDATION
        for (Role role : new Role[] {Role.TRAIN, Role.HELD_OUT, Role.VALIDATION}) {
            for (long k = 0; k < c.count(role); k++) {
                Location l = c.locate(c.index(role, k));
                if (l.recordId() != r.id()) continue;
                int i = (int) ((l.z() * NY + l.y()) * NX + l.x());
                assertTrue(out[i] == -1 || out[i] == code[role.ordinal()], "voxel " + i + " has two roles");
                out[i] = code[role.ordinal()];
            }
        }
        for (int i = 0; i < N; i++) assertTrue(out[i] >= 0, "voxel " + i + " has no role");
        return out;
    }

    @Test
    void randomHoldsOutTheFractionReproduciblyAndNeverTrainsOnIt() {
        int[] a, b, other;
        try (Corpus c = Corpus.create(dir.resolve("a"), CorpusOptions.defaults())) {
            CorpusRecord r = volume(c);
            VoxelHoldOut.Split s = VoxelHoldOut.random(c, r.id(), 0.5, 0.1, 7);
            assertEquals(216, s.heldOut()); // 240 of 480 kept from training, 24 of them (a tenth) for validation
            assertEquals(24, s.validation());
            assertEquals(216 * 2, c.count(Role.HELD_OUT));
            assertEquals(24 * 2, c.count(Role.VALIDATION));
            a = rolesByIndex(c, r);
        }
        try (Corpus c = Corpus.create(dir.resolve("b"), CorpusOptions.defaults())) {
            CorpusRecord r = volume(c);
            VoxelHoldOut.random(c, r.id(), 0.5, 0.1, 7);
            b = rolesByIndex(c, r);
        }
        try (Corpus c = Corpus.create(dir.resolve("c"), CorpusOptions.defaults())) {
            CorpusRecord r = volume(c);
            VoxelHoldOut.random(c, r.id(), 0.5, 0.1, 8);
            other = rolesByIndex(c, r);
        }
        assertArrayEquals(a, b, "the same seed holds out the same voxels");
        assertFalse(java.util.Arrays.equals(a, other), "another seed holds out others");
        int held = 0, val = 0;
        for (int v : a) {
            if (v == 1) held++;
            if (v == 2) val++;
        }
        assertEquals(216, held);
        assertEquals(24, val);
    }

    @Test
    void boxHoldsOutExactlyTheBox() {
        Box box = new Box(2, 3, 1, 7, 6, 4); // 5 × 3 × 3 = 45 voxels
        try (Corpus c = Corpus.create(dir.resolve("box"), CorpusOptions.defaults())) {
            CorpusRecord r = volume(c);
            VoxelHoldOut.Split s = VoxelHoldOut.box(c, r.id(), box, 0.1, 3);
            assertEquals(5, s.validation()); // round(4.5)
            assertEquals(40, s.heldOut());
            int[] roles = rolesByIndex(c, r);
            int val = 0;
            for (int z = 0; z < NZ; z++) {
                for (int y = 0; y < NY; y++) {
                    for (int x = 0; x < NX; x++) {
                        int role = roles[(z * NY + y) * NX + x];
                        assertEquals(box.contains(x, y, z), role != 0, "voxel " + x + "," + y + "," + z);
                        if (role == 2) val++;
                    }
                }
            }
            assertEquals(5, val);
        }
    }
}
