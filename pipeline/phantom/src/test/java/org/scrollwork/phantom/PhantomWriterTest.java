package org.scrollwork.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.vesuvius.Segment;
import org.scrollwork.testing.PythonReference;

class PhantomWriterTest {
    private static Phantom phantom;

    @BeforeAll static void generate() {
        phantom = PhantomGenerator.generate(PhantomConfig.forSize(64, 64, 32).toBuilder().letterHeightUm(24).build());
    }

    @Test void writesEveryVolumeWithTheFormatAndTheTruthAsJson(@TempDir Path dir) throws IOException {
        RawTestFormat format = new RawTestFormat();
        List<Path> written = PhantomWriter.write(phantom, dir, format);
        assertEquals(phantom.volumes().size() + 6, written.size());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("clean-4um-54keV.rawv", "clean-4um-70keV.rawv", "clean-8um-54keV.rawv", "clean-8um-70keV.rawv",
                    "groundtruth.json", "inklabels-4um.rawv", "inklabels-8um.rawv", "letters-4um.rawv", "letters-8um.rawv",
                    "papyrus-4um.rawv", "papyrus-8um.rawv", "phantom-config.json", "scan-4um-54keV.rawv", "scan-4um-70keV.rawv",
                    "scan-8um-54keV.rawv", "scan-8um-70keV.rawv", "segment", "text.txt"),
                    files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
        for (PhantomVolume pv : phantom.volumes()) {
            Path file = dir.resolve(pv.name() + ".rawv");
            assertTrue(format.createChecker().isFormat(file));
            Volume<?> back = format.createReader().read(file);
            assertEquals(0.0, Volumes.maxAbsDifference(pv.volume().image(), back.image()), pv.name());
            assertEquals(pv.volume().meta(), back.meta(), pv.name());
        }
        Path segment = dir.resolve("segment").resolve("recto-4um");
        assertEquals(List.of(segment.resolve("layers"), segment.resolve("recto-4um_inklabels.png"), segment.resolve("recto-4um_mask.png")),
                written.subList(phantom.volumes().size(), phantom.volumes().size() + 3));
        Segment read = Segment.read(segment);
        PhantomSegment expected = PhantomSegment.of(phantom);
        assertEquals(0.0, Volumes.maxAbsDifference(expected.surface().image(), read.surface().image()));
        assertEquals(0.0, Volumes.maxAbsDifference(expected.inkLabels().image(), read.inkLabels().orElseThrow().image()));
        assertEquals(0.0, Volumes.maxAbsDifference(expected.mask().image(), read.mask().orElseThrow().image()));
        GroundTruth truth = PhantomWriter.mapper().readValue(dir.resolve("groundtruth.json").toFile(), GroundTruth.class);
        assertEquals(phantom.groundTruth(), truth);
        assertEquals(phantom.config(), PhantomWriter.mapper().readValue(dir.resolve("phantom-config.json").toFile(), PhantomConfig.class));
        assertEquals(phantom.groundTruth().text() + "\n", Files.readString(dir.resolve("text.txt"), StandardCharsets.UTF_8));
    }

    @Tag("python") @Test void pythonReadsTheGroundTruthAsPlainJson(@TempDir Path dir) throws Exception {
        PythonReference.assumeAvailable();
        PhantomWriter.write(phantom, dir, new RawTestFormat());
        String script = String.join("\n",
                "import json",
                "g = json.load(open('groundtruth.json', encoding='utf-8'))",
                "t = open('text.txt', encoding='utf-8').read().strip()",
                "assert ''.join(l['character'] for l in g['letters']) == t == g['text'], 'text mismatch'",
                "alpha = 'ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ'",
                "assert all(alpha.index(l['character']) + 1 == l['letterNumber'] for l in g['letters'])",
                "assert all(len(l['boxes']) == 2 and l['boxes'][0]['level'] == 0 for l in g['letters'])",
                "print(len(g['letters']), g['scrollId'])");
        String out = PythonReference.run(dir, script).trim();
        assertEquals(phantom.groundTruth().letters().size() + " PHANTOM-1", out);
    }

    @Test void rewritingReplacesFilesAndLeavesNoTemporaries(@TempDir Path dir) throws IOException {
        PhantomWriter.write(phantom, dir, new RawTestFormat());
        Phantom other = PhantomGenerator.generate(phantom.config().withSeed(7));
        PhantomWriter.write(other, dir, new RawTestFormat());
        assertTrue(Files.readString(dir.resolve("groundtruth.json")).contains("PHANTOM-7"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count());
        }
        try (Stream<Path> files = Files.list(dir.resolve("segment"))) {
            assertEquals(List.of("recto-4um"), files.map(f -> f.getFileName().toString()).toList(), "the segment folder replaced, no temporaries");
        }
        assertEquals("PHANTOM-7", Segment.read(dir.resolve("segment").resolve("recto-4um")).surface().meta().scrollId().orElseThrow());
    }
}
