package org.scrollwork.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text that is not UTF-8 is named with the offset of its first bad byte. */
class Utf8TextTest {
    @TempDir Path dir;

    @Test
    void readsUtf8AndLocatesTheFirstBadByte() throws IOException {
        Path ok = dir.resolve("ok.txt");
        Files.write(ok, new byte[] {'a', (byte) 0xce, (byte) 0xb1, 'b'}); // "aαb"
        assertEquals("a\u03b1b", Utf8Text.read(ok));
        Path latin1 = dir.resolve("latin1.txt");
        // "ab" + "α" (2 bytes) + "c", then 0xe9 (Latin-1 é) at offset 5, then more text
        Files.write(latin1, new byte[] {'a', 'b', (byte) 0xce, (byte) 0xb1, 'c', (byte) 0xe9, 't', 'e'});
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> Utf8Text.read(latin1));
        assertEquals(5, e.offset());
        assertEquals(latin1, e.path());
        assertTrue(e.getMessage().startsWith(latin1 + ": corrupt data at byte 5: not UTF-8 text"), e.getMessage());
        Path cut = dir.resolve("cut.txt");
        Files.write(cut, new byte[] {'x', (byte) 0xce}); // a 2-byte sequence cut after its first byte
        assertEquals(1, assertThrows(CorruptDataException.class, () -> Utf8Text.read(cut)).offset());
    }
}
