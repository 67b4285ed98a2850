package org.scrollwork.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The framing of the prior's model files and of AUNN snapshots: their bytes, and refusal of any damaged copy. */
class ChecksummedFileTest {
    @TempDir Path dir;

    private static final byte[] MAGIC = "TESTMAGC".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "SEND".getBytes(StandardCharsets.US_ASCII);
    private final ChecksummedFile crc32 = new ChecksummedFile(MAGIC, ChecksumTrailer.crc32AsLong(), "a test file");
    private final ChecksummedFile crc32c = new ChecksummedFile(MAGIC, ChecksumTrailer.crc32cAsInt(END), "a test file");

    private static byte[] body() {
        byte[] body = Arrays.copyOf(MAGIC, MAGIC.length + 40);
        for (int i = MAGIC.length; i < body.length; i++) body[i] = (byte) (i * 7);
        return body;
    }

    @Test
    void theTrailersAreTheChecksumBigEndianThenTheEndMarker() throws IOException {
        byte[] body = body();
        Path f = dir.resolve("a.bin");
        crc32.write(f, body);
        CRC32 c = new CRC32();
        c.update(body);
        byte[] expected = ByteBuffer.allocate(body.length + 8).put(body).putLong(c.getValue()).array();
        assertArrayEquals(expected, Files.readAllBytes(f), "the prior's layout: CRC-32 as an int64");
        assertArrayEquals(expected, crc32.read(f, 0));

        Path g = dir.resolve("b.bin");
        crc32c.write(g, body);
        CRC32C cc = new CRC32C();
        cc.update(body);
        expected = ByteBuffer.allocate(body.length + 8).put(body).putInt((int) cc.getValue()).put(END).array();
        assertArrayEquals(expected, Files.readAllBytes(g), "the snapshot's layout: CRC32C as an int32, then SEND");
        assertArrayEquals(expected, crc32c.read(g, 0));
        assertEquals(8, crc32c.trailer().length());
    }

    @Test
    void everyTruncationAndEveryBitFlipIsRefusedNamingTheFile() throws IOException {
        for (ChecksummedFile format : List.of(crc32, crc32c)) {
            Path good = dir.resolve("good.bin");
            format.write(good, body());
            byte[] bytes = Files.readAllBytes(good);
            for (int cut = 0; cut < bytes.length; cut++) {
                Path bad = dir.resolve("cut" + cut + ".bin");
                Files.write(bad, Arrays.copyOf(bytes, cut));
                CorruptFileException e = assertThrows(CorruptFileException.class, () -> format.read(bad, 0), "cut at " + cut);
                assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
                assertEquals(bad, e.path());
            }
            for (int bit = 0; bit < bytes.length * 8; bit++) {
                byte[] flipped = bytes.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                Path bad = dir.resolve("flip.bin");
                Files.write(bad, flipped);
                CorruptFileException e = assertThrows(CorruptFileException.class, () -> format.read(bad, 0), "bit " + bit);
                assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
            }
        }
    }

    @Test
    void eachCheckSaysWhatFailed() throws IOException {
        Path good = dir.resolve("good.bin");
        crc32c.write(good, body());
        byte[] bytes = Files.readAllBytes(good);
        assertReason(Arrays.copyOf(bytes, 15), "truncated: 15 bytes", 0);
        assertReason(bytes, "truncated: " + bytes.length + " bytes", 41);
        byte[] other = bytes.clone();
        other[0] = 'X';
        assertReason(other, "not a test file (bad magic)", 0);
        byte[] flipped = bytes.clone();
        flipped[20] ^= 1;
        assertReason(flipped, "checksum mismatch: truncated or corrupted", 0);
        byte[] marker = bytes.clone();
        marker[marker.length - 1] = 'X';
        assertReason(marker, "bad end marker", 0);
    }

    private void assertReason(byte[] bytes, String reason, int minHeader) throws IOException {
        Path f = dir.resolve("bad.bin");
        Files.write(f, bytes);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> crc32c.read(f, minHeader));
        assertEquals(f + ": " + reason, e.getMessage());
    }

    @Test
    void aMissingFileIsTheFileSystemsErrorNotACorruptOne() {
        assertThrows(NoSuchFileException.class, () -> crc32.read(dir.resolve("missing.bin"), 0));
    }

    @Test
    void writingReplacesAtomicallyRefusesADirectoryAndABodyWithoutTheMagic() throws IOException {
        Path f = dir.resolve("a.bin");
        crc32.write(f, body());
        crc32.write(f, body());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary file is left");
        }
        Path folder = dir.resolve("folder.bin");
        Files.createDirectories(folder.resolve("inside"));
        IOException e = assertThrows(IOException.class, () -> crc32.write(folder, body()));
        assertEquals("it is a directory", e.getMessage());
        assertTrue(Files.isDirectory(folder.resolve("inside")));
        assertThrows(IllegalArgumentException.class, () -> crc32.write(dir.resolve("b.bin"), new byte[] {1, 2, 3}));
    }
}
