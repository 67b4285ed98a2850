package org.scrollwork.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scrollwork.io.Compression;
import org.scrollwork.io.CorruptDataException;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.WriteOptions;

/** Hostile and damaged stores: every one ends in a typed error that names the store or the file, before any large allocation. */
class ZarrMaliciousStoreTest {
    @TempDir Path dir;

    private final OmeZarrFormat format = new OmeZarrFormat();

    private Path store(Compression c) {
        Path p = dir.resolve("s.ome.zarr");
        Volume<?> v = ZarrWriterPythonTest.randomVolume(DataType.UINT16, new long[] {10, 9, 7}, 5);
        format.createWriter().write(p, java.util.List.of(v), WriteOptions.DEFAULTS.withCompression(c).withChunkShape(4, 4, 4));
        return p;
    }

    private void readAll(Path p) {
        Volumes.sum(format.createReader().read(p).image());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "../../etc", "/etc", "a/../../b", "0/../..", "..", "C:/x", "0\\\\..\\\\..", "a//b", "a//b/", "./../x"})
    void datasetPathsThatEscapeTheStoreAreRejected(String key) throws IOException {
        Path p = store(Compression.ZSTD);
        Files.writeString(p.resolve(".zattrs"), "{\"multiscales\":[{\"version\":\"0.4\",\"datasets\":[{\"path\":\"" + key + "\"}]}]}");
        FormatException e = assertThrows(FormatException.class, () -> format.createParser().parse(p));
        assertTrue(e.getMessage().contains("s.ome.zarr"), e.getMessage());
        assertTrue(e.getMessage().contains(key.replace("\\\\", "\\")), e.getMessage());
        assertThrows(FormatException.class, () -> format.createReader().read(p));
    }

    @Test
    void anEscapingKeyNeverReadsTheFileOutside() throws IOException {
        Path p = store(Compression.NONE);
        // a complete, valid array just outside the store: following "../outside" would read it
        Files.move(p.resolve("0"), dir.resolve("outside"));
        Files.writeString(p.resolve(".zattrs"), "{\"multiscales\":[{\"datasets\":[{\"path\":\"../outside\"}]}]}");
        assertThrows(FormatException.class, () -> format.createReader().read(p));
    }

    @Test
    void symbolicLinksOutOfTheStoreAreRejected() throws IOException {
        Path p = store(Compression.NONE);
        Path outside = dir.resolve("outside");
        Files.move(p.resolve("0"), outside);
        Files.createSymbolicLink(p.resolve("0"), outside);
        FormatException e = assertThrows(FormatException.class, () -> format.createReader().read(p));
        assertTrue(e.getMessage().contains("s.ome.zarr") && e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {".zattrs", ".zgroup", "0/.zarray", "a chunk"})
    void aMetadataFileOrChunkLinkedOutsideTheStoreIsRefusedByName(String which) throws IOException {
        Path p = store(Compression.NONE);
        String name = which;
        if (which.equals("a chunk")) {
            try (java.util.stream.Stream<Path> s = Files.walk(p.resolve("0"))) {
                name = p.relativize(s.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")).findFirst().orElseThrow()).toString();
            }
        }
        // the real, valid file moves outside and the store links to it: following the link would read it fine
        Path outside = dir.resolve("outside-" + name.replace('/', '_'));
        Files.move(p.resolve(name), outside);
        Files.createSymbolicLink(p.resolve(name), outside);
        assertEquals("ome-zarr", org.scrollwork.io.Formats.detect(p).name());
        FormatException e = assertThrows(FormatException.class, () -> readAll(p));
        assertTrue(e.getMessage().startsWith(p.resolve(name).toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("symbolic link") && !e.getMessage().contains("\n"), e.getMessage());
        assertEquals(p.resolve(name), e.path());
    }

    @Test
    void aV3ZarrJsonLinkedOutsideTheStoreIsRefusedByName() throws IOException {
        Path p = dir.resolve("v3.zarr");
        Files.createDirectories(p);
        Path outside = dir.resolve("outside.json");
        Files.writeString(outside, "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[2,2,2],\"data_type\":\"uint8\","
                + "\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[2,2,2]}},\"fill_value\":0,"
                + "\"chunk_key_encoding\":{\"name\":\"default\"},\"codecs\":[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}}]}");
        Files.copy(outside, p.resolve("zarr.json"));
        assertEquals(0.0, Volumes.sum(format.createReader().read(p).image())); // the same document inside the store reads
        Files.delete(p.resolve("zarr.json"));
        Files.createSymbolicLink(p.resolve("zarr.json"), outside);
        FormatException e = assertThrows(FormatException.class, () -> format.createParser().parse(p));
        assertEquals(p.resolve("zarr.json"), e.path());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void malformedJsonIsLocatedWithoutEchoingTheFile() throws IOException {
        Path p = store(Compression.NONE);
        Files.writeString(p.resolve(".zattrs"), "root:x:0:0:root:/root:/bin/bash\n");
        FormatException e = assertThrows(FormatException.class, () -> format.createParser().parse(p));
        assertTrue(e.getMessage().contains("malformed JSON at line 1"), e.getMessage());
        assertTrue(!e.getMessage().contains("root:") && !e.getMessage().contains("bash"), e.getMessage());
    }

    @Test
    void aDirectoryWhereAChunkBelongsIsCorrupt() throws IOException {
        Path p = store(Compression.ZSTD);
        Path chunk = p.resolve("0/0/0/0");
        Files.delete(chunk);
        Files.createDirectories(chunk);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> readAll(p));
        assertTrue(e.getMessage().contains(chunk.toString()), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "DEFLATE", "GZIP", "ZSTD", "BLOSC_LZ4", "BLOSC_ZSTD"})
    void corruptOrTruncatedChunksNameTheChunkFile(Compression c) throws IOException {
        Path p = store(c);
        Path chunk = p.resolve("0/1/0/2");
        byte[] good = Files.readAllBytes(chunk);
        Random rnd = new Random(c.ordinal());
        byte[] garbage = new byte[good.length];
        rnd.nextBytes(garbage);
        garbage[0] = good[0]; // keep a plausible first byte so decoding gets past it
        for (byte[] bad : new byte[][] {garbage, Arrays.copyOf(good, good.length - 1), Arrays.copyOf(good, good.length + 7), new byte[0]}) {
            if (bad == garbage && c == Compression.NONE) continue; // raw chunks of the right size have nothing to check
            Files.write(chunk, bad);
            CorruptDataException e = assertThrows(CorruptDataException.class, () -> readAll(p));
            assertTrue(e.getMessage().contains(chunk.toString()), e.getMessage());
        }
        Files.write(chunk, good);
        readAll(p);
    }

    @Test
    void aChunkThatDecodesToTheWrongSizeIsCorrupt() throws IOException {
        Path p = store(Compression.ZSTD);
        Path chunk = p.resolve("0/0/0/0");
        Files.write(chunk, new ZstdCodec(1).encode(new byte[4 * 4 * 3 * 2])); // one z-plane short
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> readAll(p));
        assertTrue(e.getMessage().contains(chunk.toString()), e.getMessage());
    }

    private Path array(String zarray) throws IOException {
        Path p = dir.resolve("bare.zarr");
        Files.createDirectories(p);
        Files.writeString(p.resolve(".zarray"), zarray);
        return p;
    }

    private static String zarray(String shape, String chunks, String dtype, String extra) {
        return "{\"zarr_format\":2,\"shape\":" + shape + ",\"chunks\":" + chunks + ",\"dtype\":\"" + dtype
                + "\",\"compressor\":null,\"fill_value\":0,\"filters\":null,\"order\":\"C\"" + extra + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[4,4,4]|[2,2]|<u2",            // shape and chunks disagree
        "[4,-4,4]|[2,2,2]|<u2",         // negative size
        "[4,0,4]|[2,2,2]|<u2",          // empty axis
        "[4,4,4]|[2,0,2]|<u2",          // empty chunk
        "[4,4,4]|[2,2,2.5]|<u2",        // fractional chunk
        "[4000000000000,4,4]|[2,2,2]|<u2",  // absurd shape
        "[4,4,4]|[65536,65536,65536]|<u2",  // absurd chunk: would allocate 512 TiB
        "[4,4,4]|[2048,2048,2048]|<u2",     // 16 GiB chunk
        "[4]|[4]|<u2",                  // 1-D
        "\"4\"|[2,2,2]|<u2"             // shape not a list
    })
    void inconsistentOrAbsurdHeadersAreFormatErrors(String spec) throws IOException {
        String[] s = spec.split("\\|");
        Path p = array(zarray(s[0], s[1], s[2], ""));
        FormatException e = assertThrows(FormatException.class, () -> format.createParser().parse(p));
        assertTrue(e.getMessage().contains(".zarray"), e.getMessage());
        assertThrows(FormatException.class, () -> format.createReader().read(p));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<i8", "|b1", "<c8", "|i1", "<M8[ns]", "<U4", "|O"})
    void unsupportedDtypesAreUnsupportedFormatErrors(String dtype) throws IOException {
        Path p = array(zarray("[4,4,4]", "[2,2,2]", dtype, ""));
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> format.createReader().read(p));
        assertTrue(e.getMessage().contains("bare.zarr") && e.getMessage().contains(dtype), e.getMessage());
    }

    @Test
    void fortranOrderFiltersAndUnknownCodecsAreUnsupported() throws IOException {
        String f = zarray("[4,4,4]", "[2,2,2]", "<u2", "").replace("\"order\":\"C\"", "\"order\":\"F\"");
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> format.createReader().read(array(f)));
        assertTrue(e.getMessage().contains("bare.zarr") && e.getMessage().contains("\"F\""), e.getMessage());
        String filters = zarray("[4,4,4]", "[2,2,2]", "<u2", "").replace("\"filters\":null", "\"filters\":[{\"id\":\"delta\",\"dtype\":\"<u2\"}]");
        assertThrows(UnsupportedFormatException.class, () -> format.createReader().read(array(filters)));
        String lzma = zarray("[4,4,4]", "[2,2,2]", "<u2", "").replace("\"compressor\":null", "\"compressor\":{\"id\":\"lzma\"}");
        assertThrows(UnsupportedFormatException.class, () -> format.createReader().read(array(lzma)));
    }

    @Test
    void malformedJsonAndMissingArraysAreFormatErrors() throws IOException {
        Path p = store(Compression.ZSTD);
        Files.writeString(p.resolve(".zattrs"), "{\"multiscales\": [");
        assertTrue(assertThrows(FormatException.class, () -> format.createParser().parse(p)).getMessage().contains(".zattrs"));
        Files.writeString(p.resolve(".zattrs"), "{\"multiscales\":[{\"datasets\":[{\"path\":\"7\"}]}]}");
        assertTrue(assertThrows(FormatException.class, () -> format.createParser().parse(p)).getMessage().contains(".zarray"));
        Files.writeString(p.resolve(".zattrs"), "[1, 2]");
        assertThrows(FormatException.class, () -> format.createParser().parse(p));
        Files.writeString(p.resolve(".zattrs"), "{\"multiscales\":[{\"datasets\":[]}]}");
        assertThrows(FormatException.class, () -> format.createParser().parse(p));
        assertThrows(FormatException.class, () -> format.createReader().read(dir.resolve("nothing-here.zarr")));
    }

    @Test
    void aLevelThatDoesNotExistIsAFormatError() {
        Path p = store(Compression.ZSTD);
        assertEquals(1, format.createParser().parse(p).levels().size());
        assertThrows(FormatException.class, () -> format.createReader().read(p, 1));
    }
}
