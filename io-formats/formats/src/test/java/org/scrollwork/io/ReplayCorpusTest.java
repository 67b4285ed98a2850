package org.scrollwork.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.imglib2.view.Views;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the committed corpus of hostile files ({@code src/test/resources/mutants}, see its README.txt) through
 * each format's checker, parser ({@code info}) and reader. Every mutant must give the outcome {@code EXPECTED.txt}
 * records for it, a clean read or a {@link FormatException} of the recorded class: in one line naming the mutant,
 * within {@link Allocations#FUZZ_BUDGET_BYTES} of allocation, without hanging, and without opening any file that
 * resolves outside the mutant (its store or folder; a detached NRRD header's folder).
 */
class ReplayCorpusTest {
    /** Levels with more voxels than this are read only in their first 64 x 64 x 8 corner (lazily: one chunk). */
    private static final long MAX_READ_VOXELS = 1 << 20;

    /** A hang guard, not a timing test: each mutant takes well under a second. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private static final List<String> FORMATS = List.of("tiff", "tiff-slices", "ome-zarr", "hdf5", "nrrd", "png", "jpeg");

    private static Path corpus() {
        try {
            return Path.of(ReplayCorpusTest.class.getResource("/mutants/EXPECTED.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Mutant (relative path, '/'-separated) to expected outcome: {@code reads} or a FormatException class name. */
    private static Map<String, String> expected() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(corpus().resolve("EXPECTED.txt"))) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] parts = l.split("\\s+");
            assertEquals(2, parts.length, () -> "EXPECTED.txt: not 'MUTANT OUTCOME': " + line);
            assertTrue(m.put(parts[0], parts[1]) == null, () -> "EXPECTED.txt lists " + parts[0] + " twice");
        }
        return m;
    }

    /** The mutants in the folder: each format folder's entries; a detached NRRD's entry is the header in its folder. */
    private static List<String> mutantsOnDisk() throws IOException {
        Path root = corpus();
        List<String> found = new ArrayList<>();
        for (String format : FORMATS) {
            Path dir = root.resolve(format);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.sorted().toList()) {
                    if (format.equals("nrrd") && Files.isDirectory(p)) {
                        try (Stream<Path> h = Files.list(p)) {
                            h.filter(f -> f.toString().endsWith(".nhdr")).forEach(f -> found.add(root.relativize(f).toString().replace('\\', '/')));
                        }
                    } else {
                        found.add(root.relativize(p).toString().replace('\\', '/'));
                    }
                }
            }
        }
        return found;
    }

    @Test
    void everyMutantHasAnExpectedOutcomeAndIsSmall() throws IOException {
        assertEquals(new TreeSet<>(expected().keySet()), new TreeSet<>(mutantsOnDisk()),
                "EXPECTED.txt and the mutants in the folder differ: list each mutant once with its outcome");
        for (String format : FORMATS) {
            if (!Files.isDirectory(corpus().resolve(format))) continue;
            try (Stream<Path> s = Files.walk(corpus().resolve(format))) {
                s.filter(Files::isRegularFile).forEach(f -> {
                    try {
                        assertTrue(Files.size(f) < 10_000, () -> f + " is not a tiny file");
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
            }
        }
        for (String outcome : expected().values()) outcomeClass(outcome);
    }

    @TestFactory
    Stream<DynamicTest> everyMutantGivesItsRecordedOutcome() throws IOException {
        return expected().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " -> " + e.getValue(),
                () -> replay(e.getKey(), e.getValue())));
    }

    private static void replay(String name, String outcome) throws Exception {
        Path real = corpus().resolve(name);
        Format format = Formats.byName(name.substring(0, name.indexOf('/'))).orElseThrow();
        // the root nothing may be opened outside of: the store or folder, the file, or a detached header's folder
        Path root = name.endsWith(".nhdr") ? real.getParent() : real;
        RecordingFileSystem fs = new RecordingFileSystem();
        Path p = fs.wrap(real);
        Throwable thrown = assertTimeoutPreemptively(HANG_GUARD, () -> {
            try {
                Allocations.assertAllocatesAtMost(Allocations.FUZZ_BUDGET_BYTES, "replaying " + name, () -> read(format, p));
                return null;
            } catch (RuntimeException ex) {
                return ex;
            }
        }, () -> name + " hangs");
        if (outcome.equals("reads")) {
            if (thrown != null) throw new AssertionError(name + " should read, but: " + thrown, thrown);
            assertTrue(!fs.opened().isEmpty(), () -> name + ": read without opening anything through the recorder");
        } else {
            if (thrown == null) fail(name + " read without error; expected " + outcome);
            Class<?> want = outcomeClass(outcome);
            assertTrue(want.isInstance(thrown), () -> name + ": expected " + outcome + ", got " + thrown);
            TypedFailures.assertTypedOneLineNaming(thrown, fs.wrap(root));
        }
        fs.assertOpenedOnlyInside(root, name);
    }

    private static void read(Format format, Path p) {
        format.createChecker().isFormat(p);
        DatasetInfo info = format.createParser().parse(p);
        long[] s = info.level(0).shape();
        Volume<?> v = format.createReader().read(p);
        if ((double) s[0] * s[1] * s[2] <= MAX_READ_VOXELS) {
            Volumes.sum(v.image());
        } else {
            Volumes.sum(Views.interval(v.image(), new long[] {0, 0, 0},
                    new long[] {Math.min(s[0], 64) - 1, Math.min(s[1], 64) - 1, Math.min(s[2], 8) - 1}));
        }
    }

    private static Class<?> outcomeClass(String outcome) {
        if (outcome.equals("reads")) return Void.class;
        try {
            Class<?> c = Class.forName("org.scrollwork.io." + outcome);
            assertTrue(FormatException.class.isAssignableFrom(c), () -> outcome + " is not a FormatException");
            return c;
        } catch (ClassNotFoundException e) {
            throw new AssertionError("EXPECTED.txt: unknown outcome " + outcome, e);
        }
    }
}
