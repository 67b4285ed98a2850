package org.scrollwork.io.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.Compression;
import org.scrollwork.io.CorruptDataException;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.TruncatedFileException;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/**
 * Damaged files beyond the contract suite: each lie a header can tell gives a {@link FormatException}
 * subclass whose message names the file, never an index, array-size or memory error.
 */
class TiffCorruptionTest {
    @TempDir Path dir;

    /** A 64 x 48 x 3 uint16 classic little-endian file in one strip per page. */
    private Path written(Compression c) {
        Volume<?> v = TiffTestSupport.randomVolume(DataType.UINT16, new long[] {64, 48, 3}, VoxelSize.isotropic(2), new Random(5));
        Path p = dir.resolve("scan-" + c.cliName() + ".tif");
        new TiffFormat.Writer().write(p, List.of(v), WriteOptions.DEFAULTS.withCompression(c));
        return p;
    }

    private static <E extends FormatException> E assertReadFails(Class<E> type, Path p, String... messageParts) {
        E e = assertThrows(type, () -> Volumes.sum(new TiffFormat.Reader().read(p).image()));
        assertTrue(e.getMessage().contains(p.getFileName().toString()), "names the file: " + e.getMessage());
        for (String part : messageParts) assertTrue(e.getMessage().contains(part), "says '" + part + "': " + e.getMessage());
        return e;
    }

    @Test
    void firstIfdOffsetPastTheEndIsATruncatedFile() throws IOException {
        Path p = written(Compression.NONE);
        long len = Files.size(p);
        patch(p, 4, (int) len + 100);
        assertReadFails(TruncatedFileException.class, p, "IFD of page 0", "at byte " + (len + 100));
    }

    /**
     * A file cut short after it was opened (validated) reaches the whole-volume read, which decodes pages in
     * parallel runs straight into the target array: still the typed error naming the file, from whichever thread met it.
     */
    @Test
    void fileTruncatedAfterOpeningFailsTheParallelWholeVolumeReadWithATypedError() throws IOException {
        for (Compression c : List.of(Compression.NONE, Compression.DEFLATE, Compression.LZW)) {
            Volume<?> v = TiffTestSupport.randomVolume(DataType.UINT8, new long[] {64, 48, 40}, VoxelSize.isotropic(2), new Random(9));
            Path p = dir.resolve("cut-" + c.cliName() + ".tif");
            new TiffFormat.Writer().write(p, List.of(v), WriteOptions.DEFAULTS.withCompression(c));
            Volume<?> opened = new TiffFormat.Reader().read(p);
            long cut = Files.size(p) / 2;
            try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            TruncatedFileException e = assertThrows(TruncatedFileException.class, () -> Volumes.copyToMemory((Volume) opened), c.cliName());
            assertTrue(e.getMessage().contains(p.getFileName().toString()), "names the file: " + e.getMessage());
            assertTrue(e.getMessage().contains("of page "), "names the strip and page: " + e.getMessage());
            assertEquals(cut, e.actualBytes(), e.getMessage());
        }
    }

    /** The same for a slice folder: the slice cut short is named, though slices are read in parallel. */
    @Test
    void truncatedSliceFailsTheParallelWholeVolumeReadNamingTheSlice() throws IOException {
        Volume<?> v = TiffTestSupport.randomVolume(DataType.UINT16, new long[] {40, 30, 24}, VoxelSize.isotropic(2), new Random(11));
        Path folder = dir.resolve("slices");
        new TiffSlicesFormat.Writer().write(folder, List.of(v), WriteOptions.DEFAULTS);
        Path slice = folder.resolve("00017.tif");
        byte[] b = Files.readAllBytes(slice);
        Files.write(slice, java.util.Arrays.copyOf(b, b.length - 100));
        TruncatedFileException e = assertThrows(TruncatedFileException.class,
                () -> Volumes.copyToMemory((Volume) new TiffSlicesFormat.Reader().read(folder)));
        assertTrue(e.getMessage().contains("00017.tif"), "names the slice: " + e.getMessage());
    }

    @Test
    void ifdChainLoopingBackIsCorrupt() throws IOException {
        Path p = written(Compression.NONE);
        Layout l = Layout.of(p);
        int last = l.ifds.get(l.ifds.size() - 1);
        patch(p, last + 2 + 12 * l.entries(last), l.ifds.get(0));
        assertReadFails(CorruptDataException.class, p, "loops back to byte " + l.ifds.get(0));
    }

    @Test
    void stripOffsetBeyondTheFileIsATruncatedFile() throws IOException {
        Path p = written(Compression.NONE);
        Layout l = Layout.of(p);
        patch(p, l.valueField(l.ifds.get(1), TiffTags.STRIP_OFFSETS), (int) Files.size(p) - 10);
        assertReadFails(TruncatedFileException.class, p, "strip 0 of page 1");
    }

    @Test
    void stripByteCountsSmallerThanTheGeometryNeedsAreCorrupt() throws IOException {
        Path p = written(Compression.NONE);
        Layout l = Layout.of(p);
        patch(p, l.valueField(l.ifds.get(2), TiffTags.STRIP_BYTE_COUNTS), 64 * 48 * 2 - 2);
        assertReadFails(CorruptDataException.class, p, "page 2", "6142");
    }

    @Test
    void compressedStripByteCountsThatCutTheDataShortAreCorrupt() throws IOException {
        for (Compression c : List.of(Compression.LZW, Compression.DEFLATE)) {
            Path p = written(c);
            Layout l = Layout.of(p);
            int field = l.valueField(l.ifds.get(1), TiffTags.STRIP_BYTE_COUNTS);
            int count = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN).getInt(field);
            patch(p, field, count / 2);
            assertReadFails(CorruptDataException.class, p, "strip 0 of page 1");
        }
    }

    @Test
    void garbageCompressedDataIsCorrupt() throws IOException {
        for (Compression c : List.of(Compression.LZW, Compression.DEFLATE)) {
            Path p = written(c);
            Layout l = Layout.of(p);
            int offset = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN).getInt(l.valueField(l.ifds.get(0), TiffTags.STRIP_OFFSETS));
            byte[] b = Files.readAllBytes(p);
            Random r = new Random(3);
            for (int i = offset; i < offset + 200; i++) b[i] = (byte) r.nextInt();
            if (c == Compression.DEFLATE) b[offset] = 0x78; // a valid zlib header, garbage after it
            Files.write(p, b);
            assertReadFails(CorruptDataException.class, p, "strip 0 of page 0", c == Compression.LZW ? "LZW" : "deflate");
        }
    }

    @Test
    void aFileWithoutPagesIsRejected() throws IOException {
        Path p = dir.resolve("empty.tif");
        Files.write(p, new byte[] {'I', 'I', 42, 0, 0, 0, 0, 0});
        assertReadFails(FormatException.class, p, "no pages");
    }

    @Test
    void wrongMagicIsRejectedByTheReaderToo() throws IOException {
        Path p = dir.resolve("fake.tif");
        Files.write(p, "GIF89a, not a TIFF at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertReadFails(FormatException.class, p, "not a TIFF file");
    }

    @Test
    void hugeDimensionsOnATinyFileFailBeforeAllocating() throws IOException {
        Path p = written(Compression.DEFLATE);
        Layout l = Layout.of(p);
        for (int ifd : l.ifds) {
            patch(p, l.valueField(ifd, TiffTags.IMAGE_WIDTH), 30_000);
            patch(p, l.valueField(ifd, TiffTags.IMAGE_LENGTH), 30_000);
            patch(p, l.valueField(ifd, TiffTags.ROWS_PER_STRIP), 30_000);
        }
        assertReadFails(CorruptDataException.class, p, "byte counts add up to only");
    }

    @Test
    void unsupportedCompressionIsNamed() throws IOException {
        Path p = written(Compression.NONE);
        Layout l = Layout.of(p);
        patchShort(p, l.valueField(l.ifds.get(0), TiffTags.COMPRESSION), 7);
        assertReadFails(UnsupportedFormatException.class, p, "compression 7");
    }

    @Test
    void pagesOfDifferentSizesAreNotAStack() throws IOException {
        Path p = dir.resolve("mixed.tif");
        try (TiffEncoder enc = new TiffEncoder(p, ByteOrder.LITTLE_ENDIAN, false, Compression.NONE, 0)) {
            enc.writePage(new short[12], DataType.UINT16, 4, 3, Optional.empty(), Optional.empty());
            enc.writePage(new short[12], DataType.UINT16, 3, 4, Optional.empty(), Optional.empty());
        }
        assertReadFails(FormatException.class, p, "page 1 is 3 x 4 uint16 but page 0 is 4 x 3 uint16");
    }

    @Test
    void writerRefusesCodecsTiffDoesNotStore() {
        Volume<?> v = TiffTestSupport.randomVolume(DataType.UINT8, new long[] {4, 4, 1}, null, new Random(1));
        Path p = dir.resolve("z.tif");
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> new TiffFormat.Writer().write(p, List.of(v), WriteOptions.DEFAULTS.withCompression(Compression.ZSTD)));
        assertTrue(e.getMessage().contains("zstd"), e.getMessage());
        assertEquals(false, Files.exists(p));
    }

    private static void patch(Path p, int at, int value) throws IOException {
        byte[] b = Files.readAllBytes(p);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        Files.write(p, b);
    }

    private static void patchShort(Path p, int at, int value) throws IOException {
        byte[] b = Files.readAllBytes(p);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) value);
        Files.write(p, b);
    }

    /** Where the IFDs and their entries lie in a classic little-endian file (read here, independently of the reader). */
    private record Layout(ByteBuffer b, List<Integer> ifds) {
        static Layout of(Path p) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
            List<Integer> ifds = new java.util.ArrayList<>();
            for (int at = b.getInt(4); at != 0; at = b.getInt(at + 2 + 12 * Short.toUnsignedInt(b.getShort(at)))) ifds.add(at);
            return new Layout(b, ifds);
        }

        int entries(int ifd) { return Short.toUnsignedInt(b.getShort(ifd)); }

        /** File position of the inline value field of {@code tag} in the IFD at {@code ifd}. */
        int valueField(int ifd, int tag) {
            for (int i = 0; i < entries(ifd); i++) {
                int e = ifd + 2 + 12 * i;
                if (Short.toUnsignedInt(b.getShort(e)) == tag) return e + 8;
            }
            throw new AssertionError("no tag " + tag);
        }
    }
}
