package org.scrollwork.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CompressionTest {
    @Test
    void compressionNamesAreCaseInsensitiveAndABadOneListsTheValidOnes() {
        assertEquals(Compression.BLOSC_LZ4, Compression.parse("Blosc-LZ4"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Compression.parse("bogus"));
        assertEquals("unknown compression 'bogus': expected one of none, lzw, deflate, gzip, zstd, blosc-lz4, blosc-zstd", e.getMessage());
    }
}
