package org.scrollwork.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;

/** What a killed writer leaves (a segment under its temporary name, an unnamed segment, a temporary manifest) is deleted by the next writer, and committed files stay byte-identical. */
class LeftoversTest {
    @TempDir Path dir;

    private Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) m.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        return m;
    }

    @Test
    void theNextWriterDeletesLeftoversAndKeepsCommittedFilesByteIdentical() throws IOException {
        try (Corpus c = Corpus.create(dir, CorpusOptions.defaults())) {
            c.appendVolume(Oracles.volume(DataType.UINT16, 9, 7, 5, 1), RecordMeta.of("ct"), OptionalInt.empty());
            c.appendText("the quick brown fox", RecordMeta.of("text"));
        }
        Map<String, byte[]> committed = files();
        assertTrue(committed.keySet().stream().noneMatch(n -> n.startsWith(".")), "a finished append leaves no temporary file: " + committed.keySet());
        // what kills at different moments leave: a segment still under its temporary name, one renamed but not yet
        // in the manifest, a temporary manifest
        Files.write(dir.resolve(".seg-00000098.dat.tmp"), new byte[4096]);
        Files.write(dir.resolve("seg-00000099.dat"), new byte[] {1, 2, 3});
        Files.write(dir.resolve(".manifest.json.77.88.tmp"), new byte[] {'{'});
        try (Corpus r = Corpus.open(dir)) {
            assertTrue(r.verify().ok());
            assertEquals(List.of(), r.leftoversRemoved(), "a reader deletes nothing");
        }
        try (Corpus w = Corpus.open(dir)) {
            List<String> removed = w.lockForWriting(false);
            assertEquals(List.of(".manifest.json.77.88.tmp", ".seg-00000098.dat.tmp", "seg-00000099.dat"), removed.stream().sorted().toList());
            assertEquals(removed, w.leftoversRemoved());
            Map<String, byte[]> after = files();
            assertEquals(committed.keySet(), after.keySet());
            for (String n : committed.keySet()) assertArrayEquals(committed.get(n), after.get(n), n);
            w.appendText("after the crash", RecordMeta.of("text"));
            assertTrue(w.verify().ok());
        }
        try (Corpus c = Corpus.open(dir)) {
            assertEquals(6, c.records().size());
            assertEquals('a', c.byteAt(c.record(5).offset()));
            for (String n : committed.keySet()) {
                if (n.startsWith("seg-")) assertArrayEquals(committed.get(n), Files.readAllBytes(dir.resolve(n)), n);
            }
        }
    }

    @Test
    void anAppendThatFailsMidwayLeavesNoFile() throws IOException {
        try (Corpus c = Corpus.create(dir, CorpusOptions.defaults())) {
            c.appendText("kept", RecordMeta.of("text"));
            Map<String, byte[]> before = files();
            // slices 0 and 1 stream into the segment, slice 2 fails: the half-written segment must go
            org.scrollwork.io.Volume<?> v = org.scrollwork.io.ChunkedVolumes.lazy(new long[] {8, 8, 4}, new int[] {8, 8, 1},
                    org.scrollwork.io.ScanMetadata.builder(DataType.UINT8).build(), (grid, min, size) -> {
                        if (min[2] == 2) throw new java.io.UncheckedIOException(new IOException("disk gone"));
                        return new byte[size[0] * size[1] * size[2]];
                    });
            java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class, () -> c.appendVolume(v));
            assertTrue(e.getMessage().contains("disk gone"), e.getMessage());
            Map<String, byte[]> after = files();
            assertEquals(before.keySet(), after.keySet());
            for (String n : before.keySet()) assertArrayEquals(before.get(n), after.get(n), n);
        }
    }
}
