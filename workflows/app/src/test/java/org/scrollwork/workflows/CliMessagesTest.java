package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volumes;
import org.scrollwork.workflows.CliTest.Result;

/** Refusals say what is wrong in one line: the option, the file, the byte, the valid values. */
class CliMessagesTest {
    @TempDir Path dir;

    private Path tiff() {
        byte[] voxels = new byte[6 * 5 * 4];
        for (int i = 0; i < voxels.length; i++) voxels[i] = (byte) i;
        Path p = dir.resolve("scan.tif");
        Formats.byName("tiff").orElseThrow().createWriter().write(p, Volumes.wrap(voxels, new long[] {6, 5, 4}, ScanMetadata.builder(DataType.UINT8).build()));
        return p;
    }

    private static void assertOneLine(Result r) {
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void convertRefusesAMissingOutputFolderUnlessParents() {
        Path in = tiff();
        Path out = dir.resolve("no/such/dir/x.tif");
        Result r = CliTest.run("convert", in.toString(), out.toString());
        assertEquals(ScrollworkCli.EXIT_FAILURE, r.exit());
        assertOneLine(r);
        assertTrue(r.err().contains(dir.resolve("no/such/dir") + ": no such folder") && r.err().contains("--parents"), r.err());
        assertFalse(Files.exists(dir.resolve("no")), "nothing is created");
        Result ok = CliTest.run("convert", in.toString(), out.toString(), "--parents");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(Files.isRegularFile(out));
    }

    @Test
    void convertSaysWhenItClampsTheChunkShape() {
        Result r = CliTest.run("convert", tiff().toString(), dir.resolve("x.ome.zarr").toString(), "--chunk", "1000000000,2,2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("--chunk 1000000000,2,2 is larger than the volume (6 x 5 x 4): chunks are clamped to 6,2,2"), r.err());
        Result fits = CliTest.run("convert", tiff().toString(), dir.resolve("y.ome.zarr").toString(), "--chunk", "2,2,2");
        assertFalse(fits.err().contains("clamped"), fits.err());
    }

    @Test
    void convertRemovesStaleTemporariesOfAKilledConvert() throws IOException {
        Path out = dir.resolve("x.tif");
        Path stale = dir.resolve(".x.tif.999999999.123.tmp"); // pid above Linux's pid_max: its writer is gone
        Files.write(stale, new byte[1000]);
        Result r = CliTest.run("convert", tiff().toString(), out.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(stale));
        assertTrue(r.err().contains("removed 1 temporary file(s) an interrupted convert left beside " + out + ": .x.tif.999999999.123.tmp"), r.err());
    }

    @Test
    void aBogusCompressionListsTheValidOnes() {
        Result r = CliTest.run("convert", tiff().toString(), dir.resolve("x.ome.zarr").toString(), "--compression", "bogus");
        assertEquals(ScrollworkCli.EXIT_FAILURE, r.exit());
        assertOneLine(r);
        assertTrue(r.err().contains("unknown compression 'bogus': expected one of none, lzw, deflate, gzip, zstd, blosc-lz4, blosc-zstd"), r.err());
    }

    @Test
    void aTextThatIsNotUtf8IsNamedWithTheOffsetOfItsFirstBadByte() throws IOException {
        Path t = dir.resolve("latin1.txt");
        Files.write(t, "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1)); // é is 0xe9 at byte 3
        Result r = CliTest.run("ingest", "--corpus", dir.resolve("c").toString(), "--text", t.toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit());
        assertOneLine(r);
        assertTrue(r.err().contains(t + ": corrupt data at byte 3: not UTF-8 text"), r.err());
    }

    @Test
    void anInvertedMaskRangeIsNamedAsARange() throws IOException {
        Path t = dir.resolve("a.txt");
        Files.writeString(t, "alpha beta gamma");
        Path c = dir.resolve("c");
        assertEquals(0, CliTest.run("ingest", "--corpus", c.toString(), "--text", t.toString()).exit());
        Result r = CliTest.run("mask", c.toString(), "--record", "1", "--range", "5,2", "--heldout");
        assertEquals(ScrollworkCli.EXIT_FAILURE, r.exit(), r.err());
        assertOneLine(r);
        assertTrue(r.err().contains("empty or negative range 5,2"), r.err());
    }

    @Test
    void aMalformedFinetuneSpecIsOneLine() throws IOException {
        Path spec = dir.resolve("job.yaml");
        Files.writeString(spec, "base: runs/a\ncorpus: [c\nbudget:\n  steps: 3\n");
        Result r = CliTest.run("finetune", spec.toString());
        assertEquals(ScrollworkCli.EXIT_BAD_INPUT, r.exit(), r.err());
        assertOneLine(r);
        assertTrue(r.err().contains("job spec " + spec + ": not valid YAML at line"), r.err());
    }

    @Test
    void enumOptionsAreCaseInsensitiveAsTheReadmeWritesThem() {
        picocli.CommandLine.ParseResult pr = ScrollworkCli.commandLine().parseArgs("train", "--corpus", "c", "--run", "r", "--schedule", "random");
        assertEquals(org.scrollwork.pipeline.TrainingRun.ScheduleName.RANDOM, pr.subcommand().matchedOptionValue("--schedule", null));
        Result bad = CliTest.run("train", "--corpus", "c", "--run", "r", "--schedule", "sometimes");
        assertEquals(2, bad.exit());
        assertFalse(bad.err().contains("case-sensitive"), bad.err());
    }

    @Test
    void aGridBasisIsLinearOrBsplineInAnyCaseAndAnythingElseSaysSo() {
        Result bad = CliTest.run("train", "--corpus", "c", "--run", "r", "--grid-basis", "cubic");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("--grid-basis") && bad.err().contains("LINEAR, BSPLINE") && bad.err().contains("'cubic'"), bad.err());
        picocli.CommandLine.ParseResult pr = ScrollworkCli.commandLine().parseArgs("train", "--corpus", "c", "--run", "r", "--grid-basis", "linear");
        assertEquals(org.scrollwork.aunn.model.GeometrySpec.Basis.LINEAR, pr.subcommand().matchedOptionValue("--grid-basis", null));
    }
}
