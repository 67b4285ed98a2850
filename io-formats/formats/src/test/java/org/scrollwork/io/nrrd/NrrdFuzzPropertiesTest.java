package org.scrollwork.io.nrrd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.imglib2.view.Views;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.scrollwork.files.AtomicFiles;
import org.scrollwork.io.Allocations;
import org.scrollwork.io.CoordinateOracle;
import org.scrollwork.io.DatasetInfo;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.RecordingFileSystem;
import org.scrollwork.io.TypedFailures;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.testing.PythonReference;

/**
 * NRRD files composed by hand in Python by the spec (NumPy data, Python's gzip; no NRRD library is involved):
 * attached and detached headers over raw and gzip data, 2-D and 3-D, both byte orders. Each try copies one of them
 * into a folder of its own and damages it: bits flipped or bytes overwritten in the header or the data (the gzip
 * stream included), a cut at any byte, or one header field set to an absurd value (sizes 0, negative or 2^40, an
 * unknown type or encoding, a dimension that does not match the sizes, a {@code data file} that leaves the folder).
 * Checker, parser and reader then give a clean read or a {@link FormatException} in one line naming a file of the
 * folder, never another exception, within {@link Allocations#FUZZ_BUDGET_BYTES} of allocation and
 * {@link #HANG_GUARD}, opening nothing outside the folder ({@link RecordingFileSystem}) and never echoing the bytes
 * of a file that is not a NRRD header. Where the damage leaves a checksum to catch it (gzip data) or no data at all
 * (a cut), a clean read must give the original voxels; an absurd field must be refused.
 */
@Tag("python")
@AddLifecycleHook(NrrdFuzzPropertiesTest.NeedsPython.class)
class NrrdFuzzPropertiesTest {
    /** Skips the properties, with the reason, where Python or NumPy is not installed. */
    static final class NeedsPython implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return PythonReference.missing("numpy").map(SkipResult::skip).orElse(SkipResult.doNotSkip());
        }
    }

    /** Volumes claiming more voxels than this are read only in their first 64 x 64 x 8 corner (lazily: a few slices). */
    private static final long MAX_READ_VOXELS = 1 << 20;
    /** A hang guard, not a timing test: each read takes milliseconds. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    /** Written into the file outside the case folder and the non-NRRD file: no message may contain it. */
    private static final String MARKER = "SECRET-b7f3";

    /** The cases: folder name, header file, data file (the header itself when attached), whether the data is gzip. */
    private record Case(String name, String header, String data, boolean gzip, boolean multiByte) {
        boolean attached() { return header.equals(data); }
    }

    private static final List<Case> CASES = List.of(
            new Case("a", "a.nrrd", "a.nrrd", false, true),
            new Case("b", "b.nrrd", "b.nrrd", true, true),
            new Case("c", "c.nhdr", "c.raw", false, true),
            new Case("d", "d.nhdr", "d.raw.gz", true, false),
            new Case("e", "e.nrrd", "e.nrrd", false, false));

    private static Path dir;

    @BeforeContainer
    static void writeOriginals() throws IOException {
        dir = Files.createTempDirectory("nrrd-fuzz");
        PythonReference.run(dir, "import numpy as np, gzip, os\n" + CoordinateOracle.PYTHON + String.join("\n",
                "def header(dt, shape_zyx, enc, endian, extra=''):",
                "    h = 'NRRD0004\\n# composed by hand, by the spec\\ntype: %s\\ndimension: %d\\nsizes: %s\\nencoding: %s\\n' % (",
                "        dt, len(shape_zyx), ' '.join(str(s) for s in reversed(shape_zyx)), enc)",
                "    if endian: h += 'endian: %s\\n' % endian",
                "    return (h + extra).encode('ascii')",
                "def data(np_dt, shape, endian):",
                "    a = coord(shape, np_dt)",
                "    return a.astype(a.dtype.newbyteorder('>' if endian == 'big' else '<')).tobytes()",
                "for d in 'abcde': os.makedirs('orig/' + d)",
                // attached raw little-endian uint16, spacings in micrometres
                "open('orig/a/a.nrrd', 'wb').write(header('ushort', (5, 6, 7), 'raw', 'little',",
                "    'spacings: 2 2 3\\nunits: \"microns\" \"microns\" \"microns\"\\n') + b'\\n' + data('uint16', (5, 6, 7), 'little'))",
                // attached gzip big-endian float32
                "open('orig/b/b.nrrd', 'wb').write(header('float', (3, 4, 5), 'gzip', 'big') + b'\\n' + gzip.compress(data('float32', (3, 4, 5), 'big')))",
                // detached raw big-endian int16 with line skip and byte skip
                "open('orig/c/c.nhdr', 'wb').write(header('short', (4, 5, 6), 'raw', 'big', 'line skip: 1\\nbyte skip: 3\\ndata file: c.raw\\n'))",
                "open('orig/c/c.raw', 'wb').write(b'a line\\n' + b'xyz' + data('int16', (4, 5, 6), 'big'))",
                // detached gzip uint8
                "open('orig/d/d.nhdr', 'wb').write(header('uchar', (4, 8, 9), 'gzip', None, 'data file: d.raw.gz\\n'))",
                "open('orig/d/d.raw.gz', 'wb').write(gzip.compress(data('uint8', (4, 8, 9), None)))",
                // attached raw 2-D uint8
                "open('orig/e/e.nrrd', 'wb').write(header('uchar', (9, 11), 'raw', None) + b'\\n' + data('uint8', (1, 9, 11), None))",
                // a file outside every case folder, of more bytes than any case's data, and a file that is no NRRD
                "os.makedirs('outside')",
                "open('outside/secret.raw', 'wb').write(b'" + MARKER + "\\n' * 200)",
                "open('outside/passwd', 'wb').write(b'root:x:0:0:" + MARKER + ":/root:/bin/sh\\n' * 4)",
                ""));
        Files.createDirectories(dir.resolve("work"));
        Files.move(dir.resolve("outside"), dir.resolve("work/outside"));
        for (Case c : CASES) {
            Volume<?> v = new NrrdFormat.Reader().read(dir.resolve("orig").resolve(c.name()).resolve(c.header()));
            assertEquals(0.0, CoordinateOracle.maxError(v), c.header() + " reads as Python wrote it");
        }
    }

    @AfterContainer
    static void removeFiles() throws IOException { if (dir != null) AtomicFiles.deleteTree(dir); }

    @Provide
    Arbitrary<Integer> cases() { return Arbitraries.integers().between(0, CASES.size() - 1); }

    /** A fresh copy of case {@code c} in {@code work/<name>}, beside {@code work/outside} (a secret and a passwd file). */
    private static Path copy(Case c) throws IOException {
        Path work = dir.resolve("work");
        Path folder = work.resolve(c.name());
        if (Files.exists(folder)) AtomicFiles.deleteTree(folder);
        Files.createDirectories(folder);
        try (Stream<Path> s = Files.list(dir.resolve("orig").resolve(c.name()))) {
            for (Path f : s.toList()) Files.copy(f, folder.resolve(f.getFileName()));
        }
        return folder;
    }

    /** Offset of the first data byte of an attached file (after the blank line), or 0 for a data file. */
    private static int dataStart(Case c, byte[] b, boolean dataFile) {
        if (!dataFile && !c.attached()) return b.length;
        if (!c.attached()) return 0;
        String s = new String(b, StandardCharsets.ISO_8859_1);
        return s.indexOf("\n\n") + 2;
    }

    /** What a try ended in: null for a clean read. */
    private static FormatException read(Case c, Path folder, String what, boolean mustFail, boolean mustBeOriginal) {
        RecordingFileSystem fs = new RecordingFileSystem();
        Path header = fs.wrap(folder.resolve(c.header()));
        NrrdFormat format = new NrrdFormat();
        RuntimeException thrown = assertTimeoutPreemptively(HANG_GUARD, () -> {
            try {
                Allocations.assertAllocatesAtMost(Allocations.FUZZ_BUDGET_BYTES, what, () -> {
                    format.createChecker().isFormat(header);
                    DatasetInfo info = format.createParser().parse(header);
                    long[] s = info.level(0).shape();
                    Volume<?> v = format.createReader().read(header);
                    assertTrue(Arrays.equals(s, v.shape()), () -> what + ": parser and reader disagree on the shape");
                    if ((double) s[0] * s[1] * s[2] <= MAX_READ_VOXELS) {
                        Volumes.sum(v.image());
                        if (mustBeOriginal) {
                            assertEquals(0.0, CoordinateOracle.maxError(v), () -> what + ": read without error, but not the voxels Python wrote");
                        }
                    } else {
                        assertFalse(mustBeOriginal, () -> what + ": read without error, but claims " + Arrays.toString(s) + " voxels");
                        Volumes.sum(Views.interval(v.image(), new long[] {0, 0, 0},
                                new long[] {Math.min(s[0], 64) - 1, Math.min(s[1], 64) - 1, Math.min(s[2], 8) - 1}));
                    }
                });
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }, () -> what + " hangs");
        fs.assertOpenedOnlyInside(folder, what);
        if (thrown == null) {
            assertFalse(mustFail, () -> what + ": read without error");
            return null;
        }
        try {
            TypedFailures.assertTypedOneLineNaming(thrown, fs.wrap(folder));
        } catch (AssertionError e) {
            e.addSuppressed(thrown);
            throw new AssertionError(what + ": " + e.getMessage(), thrown);
        }
        assertFalse(thrown.getMessage().contains(MARKER), () -> what + ": the message echoes a file that is no NRRD header: " + thrown.getMessage());
        return (FormatException) thrown;
    }

    @Property(tries = 300)
    void damagedHeadersAndDataReadOrFailWithOneTypedLine(@ForAll("cases") int index, @ForAll long seed) throws IOException {
        Case c = CASES.get(index);
        Random r = new Random(seed);
        Path folder = copy(c);
        // the header, or the data (of a data file, or after an attached header's blank line): gzip streams get half the tries
        boolean inData = c.gzip() ? r.nextBoolean() : r.nextInt(3) == 0;
        Path victim = folder.resolve(inData ? c.data() : c.header());
        byte[] b = Files.readAllBytes(victim);
        int from = inData ? dataStart(c, b, true) : 0;
        int to = inData ? b.length : dataStart(c, b, false);
        int edits = 1 + r.nextInt(4);
        StringBuilder what = new StringBuilder(c.name() + (inData ? " data" : " header"));
        for (int k = 0; k < edits; k++) {
            int at = from + r.nextInt(to - from);
            int mode = r.nextInt(3);
            what.append(String.format(" %s@%d", mode == 0 ? "flip" : "set", at));
            switch (mode) {
                case 0: b[at] ^= (byte) (1 << r.nextInt(8)); break;
                case 1: b[at] = (byte) r.nextInt(); break;
                default: b[at] = (byte) (r.nextBoolean() ? 0xff : 0); break;
            }
        }
        Files.write(victim, b);
        // gzip carries a CRC-32 of the data: damage to the stream must not read as other voxels
        read(c, folder, what.toString(), false, inData && c.gzip());
    }

    @Property(tries = 200)
    void aCutAtAnyByteFailsOrReadsTheOriginal(@ForAll("cases") int index, @ForAll long seed) throws IOException {
        Case c = CASES.get(index);
        Random r = new Random(seed);
        Path folder = copy(c);
        Path victim = folder.resolve(r.nextBoolean() ? c.data() : c.header());
        byte[] b = Files.readAllBytes(victim);
        int at = r.nextInt(b.length);
        Files.write(victim, Arrays.copyOf(b, at));
        read(c, folder, c.name() + ": " + victim.getFileName() + " cut at byte " + at + " of " + b.length, false, true);
    }

    /** Absurd values, each invalid for every case; {@code endian} only for multi-byte types. */
    private static final List<String> BAD_NUMBERS = List.of("0", "-1", "-9223372036854775808", "1099511627776", "9223372036854775807",
            "18446744073709551617", "1e3", "0x10", "", "seven", "3\r4");

    @Property(tries = 300)
    void absurdHeaderFieldsAreRefusedInOneTypedLine(@ForAll("cases") int index, @ForAll long seed) throws IOException {
        Case c = CASES.get(index);
        Random r = new Random(seed);
        Path folder = copy(c);
        Path headerFile = folder.resolve(c.header());
        byte[] b = Files.readAllBytes(headerFile);
        int end = dataStart(c, b, false);
        List<String> lines = new ArrayList<>(List.of(new String(b, 0, end, StandardCharsets.ISO_8859_1).split("\n", -1)));
        // lines ends with "", "" (attached: the blank line) or "" (detached: the last line end)
        int dim = Integer.parseInt(field(lines, "dimension"));
        String outside = dir.resolve("work/outside/secret.raw").toAbsolutePath().toString();
        String key;
        String value;
        boolean mustFail = true;
        switch (r.nextInt(9)) {
            case 0: {
                key = "sizes";
                String[] s = field(lines, "sizes").split(" ");
                int form = r.nextInt(4);
                if (form == 0) { // one axis absurd
                    s[r.nextInt(dim)] = pick(r, BAD_NUMBERS);
                    value = String.join(" ", s);
                } else if (form == 1) { // every axis 2^40
                    value = String.join(" ", java.util.Collections.nCopies(dim, "1099511627776"));
                } else if (form == 2) { // one size too few
                    value = String.join(" ", Arrays.copyOf(s, dim - 1));
                } else { // one too many
                    value = String.join(" ", s) + " 2";
                }
                break;
            }
            case 1:
                key = "dimension";
                value = r.nextBoolean() ? String.valueOf(5 - dim) // 2 <-> 3: the sizes do not match
                        : pick(r, List.of("0", "-3", "1", "4", "16", "4294967299", "4294967298", "1099511627776", "three", "", "3 3"));
                break;
            case 2:
                key = "type";
                value = pick(r, List.of("long long", "complex", "block", "int64", "", "uchar\runsigned char", "unsigned"));
                break;
            case 3:
                key = "encoding";
                value = pick(r, List.of("ascii", "hex", "bzip2", "bz2", "txt", "gzip2", "", "raw\rgzip", "zstd"));
                break;
            case 4:
                key = "endian";
                value = pick(r, List.of("middle", "", "little\rbig", "network", "LE"));
                mustFail = c.multiByte();
                break;
            case 5:
                key = pick(r, List.of("byte skip", "line skip"));
                value = pick(r, List.of("-2", "-9223372036854775808", "1099511627776", "9223372036854775807", "9223372036854775806",
                        "18446744073709551616", "x", "", "3\r4"));
                break;
            case 6: {
                key = "data file";
                String link = "link.raw";
                if (r.nextInt(6) == 0) {
                    Files.createSymbolicLink(folder.resolve(link), Path.of(outside));
                    value = link;
                } else {
                    value = pick(r, List.of("/etc/passwd", "..", ".", "", "./", "../outside/secret.raw", outside,
                            "sub/../../outside/secret.raw", "./../outside/secret.raw", "../" + c.name() + "/../outside/secret.raw",
                            "LIST", "x%03d.raw 0 3 1", "\u0000", "a\rb"));
                }
                break;
            }
            case 7: { // a required field missing
                key = pick(r, c.multiByte() ? List.of("sizes", "type", "encoding", "dimension", "endian") : List.of("sizes", "type", "encoding", "dimension"));
                lines.removeIf(l -> l.startsWith(key + ":"));
                value = null;
                break;
            }
            default: { // the header replaced by a file that is no NRRD
                Files.copy(dir.resolve("work/outside/passwd"), headerFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                read(c, folder, c.name() + ": header replaced by a passwd file", true, false);
                return;
            }
        }
        if (value != null) set(lines, key, value);
        byte[] header = String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[header.length + b.length - end];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(b, end, out, header.length, b.length - end);
        Files.write(headerFile, out);
        String what = c.name() + ": " + (value == null ? "no field '" + key + "'" : "'" + key + ": " + value.replace("\r", "\\r").replace("\u0000", "\\0") + "'");
        read(c, folder, what, mustFail, false);
    }

    private static String pick(Random r, List<String> values) { return values.get(r.nextInt(values.size())); }

    private static String field(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + ": ")).findFirst().orElseThrow().substring(key.length() + 2);
    }

    /** Sets {@code key: value}: in place, or as a new line before the header's end. */
    private static void set(List<String> lines, String key, String value) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + ":")) {
                lines.set(i, key + ": " + value);
                return;
            }
        }
        int at = lines.size() - 1;
        while (at > 1 && lines.get(at - 1).isEmpty()) at--;
        lines.add(at, key + ": " + value);
    }
}
