package org.scrollwork.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.DataType;

/** count(role) and index(role, k) against a brute-force walk over every index of the corpus. */
class RoleRankPropertiesTest {

    /** One data record to append and the masks to put on it. */
    record Spec(int sx, int sy, int sz, DataType type, boolean text, List<Box> boxes, List<Boolean> heldOut) {}

    @Provide
    Arbitrary<Spec> specs() {
        Arbitrary<Integer> axis = Arbitraries.integers().between(1, 6);
        Arbitrary<DataType> type = Arbitraries.of(DataType.UINT8, DataType.UINT16, DataType.UINT32);
        return Combinators.combine(axis, axis, axis, type, Arbitraries.of(false, false, true), Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as((x, y, z, t, text, seed) -> {
                    int sx = text ? x * 5 : x, sy = text ? 1 : y, sz = text ? 1 : z;
                    java.util.Random rnd = new java.util.Random(seed);
                    List<Box> boxes = new ArrayList<>();
                    List<Boolean> held = new ArrayList<>();
                    int tries = rnd.nextInt(5);
                    for (int i = 0; i < tries; i++) {
                        long x0 = rnd.nextInt(sx), y0 = rnd.nextInt(sy), z0 = rnd.nextInt(sz);
                        Box b = new Box(x0, y0, z0, x0 + 1 + rnd.nextInt((int) (sx - x0)), y0 + 1 + rnd.nextInt((int) (sy - y0)),
                                z0 + 1 + rnd.nextInt((int) (sz - z0)));
                        if (boxes.stream().noneMatch(b::intersects)) {
                            boxes.add(b);
                            held.add(rnd.nextBoolean());
                        }
                    }
                    return new Spec(sx, sy, sz, text ? DataType.UINT8 : t, text, boxes, held);
                });
    }

    @Property(tries = 60)
    void ranksMatchBruteForce(@ForAll("specs") Spec a, @ForAll("specs") Spec b, @ForAll("specs") Spec c) throws IOException {
        Path dir = Files.createTempDirectory("corpus-ranks");
        try (Corpus corpus = Corpus.create(dir, new CorpusOptions(20))) {
            for (Spec s : List.of(a, b, c)) {
                CorpusRecord r = s.text
                        ? corpus.appendText(new byte[s.sx], RecordMeta.of("text"), OptionalInt.empty())
                        : corpus.appendVolume(Oracles.volume(s.type, s.sx, s.sy, s.sz, 0), RecordMeta.of("ct"), OptionalInt.empty());
                for (int i = 0; i < s.boxes.size(); i++) corpus.mask(r.id(), s.boxes.get(i), s.heldOut.get(i) ? Role.HELD_OUT : Role.UNKNOWN);
            }
            check(corpus, a, b, c);
            try (Corpus reopened = Corpus.open(dir)) {
                check(reopened, a, b, c);
            }
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    private static void check(Corpus corpus, Spec... specs) {
        List<List<Long>> expected = new ArrayList<>();
        for (int i = 0; i < Role.values().length; i++) expected.add(new ArrayList<>());
        for (CorpusRecord r : corpus.records()) {
            Spec s = r.kind() == RecordKind.METADATA ? null : specs[(r.id() - 1) / 2];
            int bb = r.byteBits(), xb = r.xBits(), yb = r.yBits();
            for (long rel = 0; rel < r.blockSize(); rel++) {
                long b = rel & ((1L << bb) - 1);
                long x = (rel >>> bb) & ((1L << xb) - 1);
                long y = (rel >>> (bb + xb)) & ((1L << yb) - 1);
                long z = rel >>> (bb + xb + yb);
                long sx = s == null ? r.length() : s.sx, sy = s == null ? 1 : s.sy, sz = s == null ? 1 : s.sz;
                int bpv = s == null ? 1 : s.type.bytesPerVoxel();
                if (x >= sx || y >= sy || z >= sz || b >= bpv) continue;
                Role role = Role.TRAIN;
                if (s != null) {
                    for (int i = 0; i < s.boxes.size(); i++) {
                        if (s.boxes.get(i).contains(x, y, z)) role = s.heldOut.get(i) ? Role.HELD_OUT : Role.UNKNOWN;
                    }
                }
                expected.get(role.ordinal()).add(r.offset() + rel);
            }
        }
        for (Role role : Role.values()) {
            List<Long> want = expected.get(role.ordinal());
            assertEquals(want.size(), corpus.count(role), role + " count");
            for (int k = 0; k < want.size(); k++) assertEquals(want.get(k), corpus.index(role, k), role + " rank " + k);
            assertThrows(IndexOutOfBoundsException.class, () -> corpus.index(role, want.size()));
            for (long idx : want) assertEquals(role, corpus.locate(idx).role().orElseThrow());
        }
    }
}
