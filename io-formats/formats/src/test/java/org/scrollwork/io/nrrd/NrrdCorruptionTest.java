package org.scrollwork.io.nrrd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.TruncatedFileException;
import org.scrollwork.io.UnsupportedFormatException;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.io.WriteOptions;

/** Targeted bad NRRD files: each must end in a typed error that names the file. */
class NrrdCorruptionTest {
    @TempDir Path dir;
    private final NrrdFormat format = new NrrdFormat();

    private Path header(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    private static String head(String extra) {
        return "NRRD0004\ntype: uchar\ndimension: 3\nsizes: 4 3 2\nencoding: raw\n" + extra;
    }

    @Test
    void detachedDataFileMayNotLeaveTheHeadersDirectory() throws IOException {
        Files.createDirectories(dir.resolve("inner"));
        Files.write(dir.resolve("secret.raw"), new byte[24]);
        for (String df : List.of("../secret.raw", "/etc/passwd", "sub/../../secret.raw")) {
            Path p = header("inner/x.nhdr", head("data file: " + df + "\n"));
            FormatException e = assertThrows(FormatException.class, () -> format.createReader().read(p), df);
            assertTrue(e.getMessage().contains("x.nhdr") && e.getMessage().contains("outside"), e.getMessage());
        }
        Path ok = header("inner/y.nhdr", head("data file: ./y.raw\n"));
        Files.write(dir.resolve("inner/y.raw"), new byte[24]);
        assertEquals(0.0, Volumes.sum(format.createReader().read(ok).image()));
    }

    @Test
    void aDetachedDataFileLinkedOutsideTheHeadersDirectoryIsNotOpened() throws IOException {
        Files.createDirectories(dir.resolve("inner"));
        Files.write(dir.resolve("secret.raw"), new byte[24]); // the right size: following the link would read it
        Files.createSymbolicLink(dir.resolve("inner/z.raw"), dir.resolve("secret.raw"));
        Path p = header("inner/z.nhdr", head("data file: z.raw\n"));
        FormatException e = assertThrows(FormatException.class, () -> format.createReader().read(p));
        assertEquals(dir.resolve("inner/z.raw").toAbsolutePath(), e.path().toAbsolutePath());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void missingOrShortRawDataIsNamed() throws IOException {
        Path missing = header("m.nhdr", head("data file: m.raw\n"));
        FormatException e = assertThrows(FormatException.class, () -> format.createParser().parse(missing));
        assertTrue(e.getMessage().contains("m.raw"), e.getMessage());
        Path shortData = header("s.nhdr", head("data file: s.raw\n"));
        Files.write(dir.resolve("s.raw"), new byte[23]);
        TruncatedFileException t = assertThrows(TruncatedFileException.class, () -> format.createReader().read(shortData));
        assertTrue(t.getMessage().contains("s.raw"), t.getMessage());
        assertEquals(23, t.actualBytes());
        Path attached = header("a.nrrd", head("\n") + "\u0001\u0002\u0003");
        assertThrows(TruncatedFileException.class, () -> format.createParser().parse(attached));
        Path skipped = header("k.nhdr", head("byte skip: 2\ndata file: k.raw\n"));
        Files.write(dir.resolve("k.raw"), new byte[25]);
        assertThrows(TruncatedFileException.class, () -> format.createReader().read(skipped));
    }

    @Test
    void truncatedAndCorruptedGzipDataGiveTypedErrors() throws IOException {
        Volume<?> v = OracleVolumes.of(DataType.UINT16, new long[] {64, 48, 6}, VoxelSize.isotropic(1));
        Path p = dir.resolve("g.nrrd");
        format.createWriter().write(p, List.of(v), WriteOptions.DEFAULTS.withCompression(Compression.GZIP));
        byte[] full = Files.readAllBytes(p);
        int headerEnd = new String(full, StandardCharsets.ISO_8859_1).indexOf("\n\n") + 2;
        Files.write(p, Arrays.copyOf(full, headerEnd + (full.length - headerEnd) / 2));
        FormatException t = assertThrows(FormatException.class, () -> Volumes.sum(format.createReader().read(p).image()));
        assertTrue(t.getMessage().contains("g.nrrd"), t.getMessage());
        byte[] bad = full.clone();
        for (int i = headerEnd + 12; i < headerEnd + 40; i++) bad[i] ^= 0x5a;
        Files.write(p, bad);
        FormatException c = assertThrows(FormatException.class, () -> Volumes.sum(format.createReader().read(p).image()));
        assertTrue(c.getMessage().contains("g.nrrd"), c.getMessage());
    }

    @Test
    void unsupportedOrMalformedHeadersAreRejected() throws IOException {
        assertThrows(UnsupportedFormatException.class, () -> format.createParser().parse(
                header("a.nrrd", "NRRD0004\ntype: uchar\ndimension: 4\nsizes: 1 4 3 2\nencoding: raw\n\n")));
        assertThrows(UnsupportedFormatException.class, () -> format.createParser().parse(header("b.nrrd", head("").replace("raw", "ascii") + "\n")));
        assertThrows(UnsupportedFormatException.class, () -> format.createParser().parse(header("c.nrrd", head("").replace("uchar", "long long") + "\n")));
        assertThrows(FormatException.class, () -> format.createParser().parse(header("d.nrrd", head("").replace("sizes: 4 3 2\n", "") + "\n")));
        assertThrows(FormatException.class, () -> format.createParser().parse(header("e.nrrd", head("").replace("4 3 2", "4 x 2") + "\n")));
        assertThrows(FormatException.class, () -> format.createParser().parse(
                header("f.nrrd", head("").replace("uchar", "ushort") + "\n" + "\0".repeat(48))), "ushort needs an endian field");
        assertThrows(FormatException.class, () -> format.createParser().parse(header("g.nrrd", head("") + "no blank line")));
        assertFalse(format.createChecker().isFormat(header("h.nrrd", "NRRD\ntype: uchar\n")));
        assertFalse(format.createChecker().isFormat(dir));
    }
}
