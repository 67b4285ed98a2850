package org.scrollwork.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.files.AtomicFiles;

/**
 * The rule of {@link InsideRoot}, checked on what readers actually open (through {@link RecordingFileSystem}): a
 * Zarr store, a TIFF slice folder or a detached NRRD header whose parts are symbolic links to files outside, or
 * whose metadata names files outside, is read or refused with a typed error, and nothing outside is opened, not
 * even to be refused.
 */
class NothingOpenedOutsideTheRootTest {
    @TempDir Path dir;

    private static Volume<?> volume() {
        short[] v = new short[20 * 12 * 5];
        for (int i = 0; i < v.length; i++) v[i] = (short) (i * 37);
        return Volumes.wrap(v, new long[] {20, 12, 5}, ScanMetadata.of(DataType.UINT16));
    }

    @Test
    void theRecorderSeesOpensOutsideTheRootAlsoThroughLinksChannelsAndFiles() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.writeString(dir.resolve("secret"), "root:x:0:0", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("inside"), "fine");
        Files.createSymbolicLink(root.resolve("link"), outside);

        RecordingFileSystem fs = new RecordingFileSystem();
        fs.assertOpenedOnlyInside(root, "nothing opened");
        Files.readAllBytes(fs.wrap(root.resolve("inside")));
        fs.assertOpenedOnlyInside(root, "inside only");
        assertEquals(List.of(root.resolve("inside").toRealPath()), fs.opened());

        Files.readAllBytes(fs.wrap(root).resolve("link"));
        assertThrows(AssertionError.class, () -> fs.assertOpenedOnlyInside(root, "through a link"));
        fs.clear();
        try (FileChannel ch = FileChannel.open(fs.wrap(root.resolve("../secret")), StandardOpenOption.READ)) {
            assertTrue(ch.size() > 0);
        }
        assertThrows(AssertionError.class, () -> fs.assertOpenedOnlyInside(root, "a channel"));
        fs.clear();
        fs.wrap(outside).toFile();
        assertThrows(AssertionError.class, () -> fs.assertOpenedOnlyInside(root, "a File"));
    }

    @Test
    void zarrStoresWithAnyPartLinkedOutside() throws IOException {
        Path original = dir.resolve("original.zarr");
        Format format = Formats.byName("ome-zarr").orElseThrow();
        format.createWriter().write(original, List.of(volume()), WriteOptions.DEFAULTS.withChunkShape(8, 8, 2));
        int cases = 0;
        for (String part : parts(original)) {
            Path root = Files.createDirectories(dir.resolve("case" + cases++));
            Path store = root.resolve("store.zarr");
            copyTree(original, store);
            moveOutAndLink(store.resolve(part), root.resolve("outside-" + part.replace('/', '_')));
            readOrRefuseWithoutLeaving(format, store, store, "store.zarr/" + part + " linked outside");
        }
        assertTrue(cases >= 5, "metadata documents, a level folder and its chunks: " + cases);
    }

    @Test
    void sliceFoldersWithASliceLinkedOutside() throws IOException {
        Path original = dir.resolve("original-slices");
        Format format = Formats.byName("tiff-slices").orElseThrow();
        format.createWriter().write(original, List.of(volume()), WriteOptions.DEFAULTS);
        for (String slice : parts(original)) {
            Path root = Files.createDirectories(dir.resolve("slices-" + slice));
            Path folder = root.resolve("slices");
            copyTree(original, folder);
            moveOutAndLink(folder.resolve(slice), root.resolve("outside.tif"));
            FormatException e = readOrRefuseWithoutLeaving(format, folder, folder, "slice " + slice + " linked outside");
            assertTrue(e != null, "a slice linked outside must be refused, not read: " + slice);
        }
    }

    @Test
    void detachedNrrdDataOutsideTheHeadersFolder() throws IOException {
        Format format = Formats.byName("nrrd").orElseThrow();
        byte[] raw = new byte[20 * 12 * 5 * 2];
        for (String how : List.of("link", "relative", "absolute")) {
            Path root = Files.createDirectories(dir.resolve("nrrd-" + how));
            Path folder = Files.createDirectories(root.resolve("scan"));
            Path outside = Files.write(root.resolve("outside.raw"), raw);
            String name = switch (how) {
                case "link" -> {
                    Files.createSymbolicLink(folder.resolve("volume.raw"), outside);
                    yield "volume.raw";
                }
                case "relative" -> "../outside.raw";
                default -> outside.toAbsolutePath().toString();
            };
            Path header = Files.writeString(folder.resolve("volume.nhdr"), "NRRD0004\ntype: unsigned short\ndimension: 3\n"
                    + "sizes: 20 12 5\nendian: little\nencoding: raw\ndata file: " + name + "\n");
            FormatException e = readOrRefuseWithoutLeaving(format, header, folder, "NRRD data file " + how);
            assertTrue(e != null, "data outside the header's folder must be refused: " + how);
        }
    }

    /**
     * Runs the checker, parser and reader on {@code input} through a recording file system; returns the typed error
     * (one line, naming a file under {@code root}) or null for a clean read, and asserts nothing outside {@code root}
     * was opened either way.
     */
    private static FormatException readOrRefuseWithoutLeaving(Format format, Path input, Path root, String what) throws IOException {
        RecordingFileSystem fs = new RecordingFileSystem();
        Path p = fs.wrap(input);
        FormatException refused = null;
        try {
            Allocations.assertAllocatesAtMost(Allocations.FUZZ_BUDGET_BYTES, what, () -> {
                format.createChecker().isFormat(p);
                format.createParser().parse(p);
                Volumes.sum(format.createReader().read(p).image());
            });
        } catch (RuntimeException e) {
            TypedFailures.assertTypedOneLineNaming(e, fs.wrap(root));
            refused = (FormatException) e;
            assertTrue(!refused.getMessage().contains("root:x"), () -> what + ": echoes content: " + e.getMessage());
        }
        fs.assertOpenedOnlyInside(root, what);
        if (refused == null) assertTrue(!fs.opened().isEmpty(), () -> what + ": read without opening anything through the recorder");
        return refused;
    }

    /** Every file and folder under {@code tree}, relative and '/'-separated. */
    private static List<String> parts(Path tree) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(tree)) {
            s.filter(p -> !p.equals(tree)).sorted().forEach(p -> out.add(tree.relativize(p).toString().replace('\\', '/')));
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) Files.copy(p, to.resolve(from.relativize(p).toString()));
        }
    }

    /** Moves {@code part} (a file or folder) to {@code outside} and leaves a symbolic link to it in its place. */
    private static void moveOutAndLink(Path part, Path outside) throws IOException {
        if (Files.isDirectory(part)) {
            copyTree(part, outside);
            AtomicFiles.deleteTree(part);
        } else {
            Files.move(part, outside);
        }
        Files.createSymbolicLink(part, outside);
    }
}
