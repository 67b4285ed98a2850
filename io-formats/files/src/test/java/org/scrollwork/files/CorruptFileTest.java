package org.scrollwork.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A corrupt-file error names the file in one line, and is found wherever it is in a chain of causes. */
class CorruptFileTest {
    private final Path file = Path.of("/data/scan.snap");

    @Test
    void theMessageIsTheFileThenWhatIsWrong() {
        CorruptFileException e = new CorruptFileException(file, "checksum mismatch: truncated or corrupted");
        assertEquals("/data/scan.snap: checksum mismatch: truncated or corrupted", e.getMessage());
        assertEquals(file, e.path());
        assertEquals("checksum mismatch: truncated or corrupted", e.reason());
        assertTrue(e instanceof IOException, "checked, beside the file system's own errors");
    }

    @Test
    void itIsFoundItselfOrAsACauseAndNothingElseIs() {
        CorruptFileException corrupt = new CorruptFileException(file, "bad magic");
        assertSame(corrupt, CorruptFile.in(corrupt).orElseThrow());
        assertSame(corrupt, CorruptFile.in(new UncheckedIOException(corrupt)).orElseThrow());
        assertSame(corrupt, CorruptFile.in(new IllegalStateException("outer", new UncheckedIOException(corrupt))).orElseThrow());
        assertTrue(CorruptFile.in(new UncheckedIOException(new IOException("disk full"))).isEmpty());
    }

    @Test
    void aChainOfCausesThatLoopsEnds() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b", a);
        a.initCause(b);
        assertTrue(CorruptFile.in(a).isEmpty());
    }
}
