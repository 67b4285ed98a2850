package org.scrollwork.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.EncodingSpec;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volumes;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.TrainingRun;
import picocli.CommandLine;

/** {@code scrollwork spark train} starts from the same defaults as {@code scrollwork train} ({@link TrainingDefaults}). */
class SparkTrainDefaultsTest {
    @TempDir Path dir;

    private static Path volumeCorpus(Path at) {
        int nx = 12, ny = 10, nz = 8;
        byte[] vox = new byte[nx * ny * nz];
        for (int z = 0, i = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++, i++) vox[i] = (byte) (40 + 8 * x + 5 * y + (z % 3) * 30);
        try (Corpus c = Corpus.create(at, new CorpusOptions(20))) {
            int id = c.appendVolume(Volumes.wrap(vox, new long[] {nx, ny, nz}, ScanMetadata.of(DataType.UINT8))).id();
            c.mask(id, new Box(0, 0, 3, nx, ny, 4), Role.HELD_OUT); // slice z = 3
        }
        return at;
    }

    private static ScaleoutCli.Train parse(String... args) {
        CommandLine cl = ScaleoutCli.commandLine();
        cl.parseArgs(args);
        return cl.getSubcommands().get("train").getCommand();
    }

    @Test
    void theDefaultsAreScrollworkTrainsGeometryModelBatchStepsLearningRateAndEvaluationInterval() {
        Path corpus = volumeCorpus(dir.resolve("corpus"));
        ScaleoutCli.Train t = parse("train", "--corpus", corpus.toString(), "--run", dir.resolve("run").toString());
        int total = 10 * t.localSteps();
        assertEquals(TrainingDefaults.STEPS, total);
        assertEquals(TrainingDefaults.evalEvery(TrainingDefaults.STEPS), t.evalEvery(total));
        try (Corpus c = Corpus.open(corpus)) {
            AunnConfig want = TrainingDefaults.config(TrainingDefaults.WIDTH, TrainingDefaults.DEPTH, TrainingDefaults.BATCH, TrainingDefaults.LR, TrainingDefaults.STEPS, 1)
                    .withIndexBits(c.indexBits()).withLayout(c.layout());
            AunnConfig got = t.config(c, total);
            assertEquals(want, got);
            assertEquals(EncodingSpec.Kind.GEOMETRY, got.encoding().kind());
            assertEquals(got, TrainSettings.of(got).config(), "shipped to executors as JSON and read back");
        }
        assertEquals(50, parse("train", "--corpus", "c", "--run", "r", "--local-steps", "50").localSteps(), "the old form: --rounds x --local-steps");
        assertEquals(20, parse("train", "--corpus", "c", "--run", "r", "--steps", "100", "--rounds", "5").localSteps());
        for (String[] bad : List.of(new String[] {"--steps", "100", "--rounds", "3"}, new String[] {"--steps", "100", "--local-steps", "20"})) {
            ScaleoutCli.Train b = parse(java.util.stream.Stream.concat(java.util.stream.Stream.of("train", "--corpus", "c", "--run", "r"), java.util.stream.Stream.of(bad))
                    .toArray(String[]::new));
            CommandLine.ParameterException e = org.junit.jupiter.api.Assertions.assertThrows(CommandLine.ParameterException.class, b::localSteps);
            assertTrue(e.getMessage().contains("--steps 100"), e.getMessage());
        }
    }

    @Test
    void theRoundsComeFromTheSettingsOneStepCount() {
        TrainSettings fifteen = TrainSettings.bits(20, 16, 1, 64, 3e-3, 2, 15, 0.0, 5);
        assertEquals(3, DataParallelTraining.rounds(fifteen, 5));
        assertEquals(15, DataParallelTraining.rounds(fifteen, 1));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DataParallelTraining.rounds(fifteen, 4));
        assertTrue(e.getMessage().contains("15 steps"), e.getMessage());
        assertEquals(40, DataParallelTraining.rounds(fifteen.withTotalSteps(40, 4), 1), "a single-process baseline's schedule");
    }

    @Test
    void theCommandTrainsTheGeometryModelAndEvaluatesAtTheDefaultInterval() throws Exception {
        Path corpus = volumeCorpus(dir.resolve("corpus"));
        Path run = dir.resolve("run");
        StringWriter out = new StringWriter();
        CommandLine cl = ScaleoutCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        int rc = cl.execute("train", "--master", "local[2]", "--corpus", corpus.toString(), "--run", run.toString(), "--steps", "40", "--rounds", "20",
                "--batch", "64", "--width", "16", "--depth", "1");
        assertEquals(0, rc, out.toString());
        // every TrainingDefaults.evalEvery(40) = 5 steps, at the end of the round of 2 steps that reaches it: steps 6, 10, 16, 20, 26, 30, 36, 40
        List<String> scored = out.toString().lines().filter(l -> l.startsWith("round ") && l.contains("held-out")).map(l -> l.split(",")[0]).toList();
        assertEquals(List.of("round 3: step 6", "round 5: step 10", "round 8: step 16", "round 10: step 20", "round 13: step 26", "round 15: step 30",
                "round 18: step 36", "round 20: step 40"), scored, out.toString());
        AunnConfig saved = Snapshot.readHeader(run.resolve(TrainingRun.SNAPSHOT)).config();
        try (Corpus c = Corpus.open(corpus)) {
            assertEquals(TrainingDefaults.config(16, 1, 64, TrainingDefaults.LR, 40, 1).withIndexBits(c.indexBits()).withLayout(c.layout()), saved);
        }
        assertEquals(EncodingSpec.Kind.GEOMETRY, saved.encoding().kind());
        assertEquals(40, Snapshot.readHeader(run.resolve(TrainingRun.SNAPSHOT)).step());
    }
}
