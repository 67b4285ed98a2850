package org.scrollwork.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;

class FinetuneSourceTest {
    @TempDir Path dir;

    private static String text(int n, int seed) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append((char) ('a' + (i * 7 + seed * 13 + i / 5) % 26));
        return sb.toString();
    }

    /** Every index of a role in the corpus, by walking all ranks (the reference). */
    private static List<Long> all(Corpus c, Role role) {
        List<Long> out = new ArrayList<>();
        for (long k = 0; k < c.count(role); k++) out.add(c.index(role, k));
        return out;
    }

    @Test
    void newRecordsAreTrainedAndScoredAndAReplayBufferOfOldOnesIsMixedIn() {
        try (Corpus c = Corpus.create(dir.resolve("corpus"), new CorpusOptions(24))) {
            CorpusRecord a = c.appendText(text(3000, 1), RecordMeta.of("text"));
            c.mask(a.id(), 2500, 3000, Role.HELD_OUT); // the old scroll's held-out part is not the finetune's
            CorpusRecord b = c.appendText(text(1000, 2), RecordMeta.of("text"));
            CorpusRecord d = c.appendText(text(600, 3), RecordMeta.of("text"));
            c.mask(d.id(), 400, 600, Role.HELD_OUT);
            int first = b.id() - 1;
            FinetuneSource s = new FinetuneSource(c, first, d.id() + 1, 0.25, 5);
            long from = c.record(first).offset();
            long to = d.end();
            assertEquals(from, s.from());
            assertEquals(to, s.to());

            List<Long> newTrain = all(c, Role.TRAIN).stream().filter(i -> i >= from && i < to).toList();
            List<Long> newHeld = all(c, Role.HELD_OUT).stream().filter(i -> i >= from && i < to).toList();
            assertEquals(200, newHeld.size());
            long r = s.replayCount();
            assertEquals(Math.round(newTrain.size() * 0.25 / 0.75), r);
            assertEquals(newTrain.size() + r, s.count(Role.TRAIN));
            assertEquals(0.25, s.effectiveReplay(), 1.0 / newTrain.size());
            for (int k = 0; k < newTrain.size(); k++) assertEquals(newTrain.get(k), s.index(Role.TRAIN, r + k));
            assertEquals(newHeld.size(), s.count(Role.HELD_OUT));
            for (int k = 0; k < newHeld.size(); k++) assertEquals(newHeld.get(k), s.index(Role.HELD_OUT, k));

            Set<Long> oldTrain = new HashSet<>(all(c, Role.TRAIN).stream().filter(i -> i < from).toList());
            long prev = -1;
            for (long k = 0; k < r; k++) {
                long i = s.index(Role.TRAIN, k);
                assertTrue(i > prev, "ranks in increasing index order");
                assertTrue(oldTrain.contains(i), "replay index " + i + " is an old TRAIN index");
                assertEquals(c.byteAt(i), s.byteAt(i));
                prev = i;
            }
            // stratified: one draw per bin of old ranks, so the buffer spans the old records
            assertTrue(s.index(Role.TRAIN, 0) < c.index(Role.TRAIN, oldTrain.size() / (int) r + 1));
            assertTrue(s.index(Role.TRAIN, r - 1) >= c.index(Role.TRAIN, oldTrain.size() - oldTrain.size() / (int) r - 1));
            assertThrows(IllegalArgumentException.class, () -> s.byteAt(to + 5));

            String fp = s.fingerprint();
            c.appendText(text(100, 4), RecordMeta.of("text")); // a later scroll does not change this finetune's data
            assertEquals(fp, new FinetuneSource(c, first, d.id() + 1, 0.25, 5).fingerprint());
            assertNotEquals(fp, new FinetuneSource(c, first, d.id() + 1, 0.1, 5).fingerprint());
            c.mask(b.id(), 0, 10, Role.HELD_OUT);
            assertNotEquals(fp, new FinetuneSource(c, first, d.id() + 1, 0.25, 5).fingerprint());
        }
    }

    @Test
    void theFingerprintNamesTheContentNotTheSourceFilesAndTheOldRuleStillMatches() {
        FinetuneSource[] views = new FinetuneSource[2];
        Corpus[] corpora = new Corpus[2];
        String[] roots = {"/data/scroll-a", "/mnt/copy-of-a"};
        try {
            for (int i = 0; i < 2; i++) {
                Corpus c = Corpus.create(dir.resolve("from-" + i), new CorpusOptions(20));
                corpora[i] = c;
                c.appendText(text(500, 1), RecordMeta.of("text").withSource(roots[i] + "/old.txt", "sha256:" + i));
                CorpusRecord b = c.appendText(text(300, 2), RecordMeta.of("text").withSource(roots[i] + "/new.txt", "sha256:" + i));
                c.mask(b.id(), 250, 300, Role.HELD_OUT);
                views[i] = new FinetuneSource(c, b.id() - 1, b.id() + 1, 0.2, 9);
            }
            assertEquals(corpora[0].records().stream().map(CorpusRecord::offset).toList(), corpora[1].records().stream().map(CorpusRecord::offset).toList());
            assertEquals(views[0].fingerprint(), views[1].fingerprint());
            assertTrue(views[0].fingerprint().startsWith("content-sha256:") && views[0].fingerprint().endsWith(":records 2..4:replay 0.2@9"), views[0].fingerprint());
            assertNotEquals(views[0].legacyFingerprint(), views[1].legacyFingerprint(), "the old rule counted the METADATA records' CRCs, which hold the paths");
            assertTrue(views[0].matchesFingerprint(views[0].legacyFingerprint()), "a finetune recorded under the old rule resumes");
            assertTrue(views[0].matchesFingerprint(views[1].fingerprint()));
            assertTrue(!views[0].matchesFingerprint(views[1].legacyFingerprint()));
            FinetuneSource otherReplay = new FinetuneSource(corpora[0], 2, 4, 0.3, 9);
            assertTrue(!otherReplay.matchesFingerprint(views[0].legacyFingerprint()) && !otherReplay.matchesFingerprint(views[0].fingerprint()));
        } finally {
            for (Corpus c : corpora) if (c != null) c.close();
        }
    }

    @Test
    void withoutReplayOnlyTheNewRecordsAreSeen() {
        try (Corpus c = Corpus.create(dir.resolve("corpus2"), new CorpusOptions(20))) {
            c.appendText(text(500, 1), RecordMeta.of("text"));
            CorpusRecord b = c.appendText(text(300, 2), RecordMeta.of("text"));
            FinetuneSource s = new FinetuneSource(c, b.id() - 1, b.id() + 1, 0, 1);
            assertEquals(0, s.replayCount());
            assertEquals(c.record(b.id() - 1).length() + 300, s.count(Role.TRAIN));
            assertEquals(0, s.count(Role.HELD_OUT));
            assertTrue(s.index(Role.TRAIN, 0) >= c.record(b.id() - 1).offset());
            assertThrows(IllegalArgumentException.class, () -> new FinetuneSource(c, 3, 3, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> new FinetuneSource(c, 0, 9, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> new FinetuneSource(c, 0, 2, 1.0, 1));
        }
    }
}
