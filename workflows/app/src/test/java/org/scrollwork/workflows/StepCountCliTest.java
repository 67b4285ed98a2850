package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.snapshot.SnapshotHeader;
import org.scrollwork.aunn.train.LearningRate;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volumes;
import org.scrollwork.io.VoxelSize;
import org.scrollwork.pipeline.TrainingRun;

/**
 * One step count: {@code train --steps N}, {@code run --steps N} and a finetune job with a budget of N steps each take N
 * steps on a learning-rate schedule of N steps (the snapshot's config), evaluating at the default or the given interval
 * and ending at the schedule's floor.
 */
class StepCountCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    /** Asserts that {@code runDir} took {@code n} steps on a schedule of {@code n} steps, with metric lines at {@code evaluations}. */
    private static void tookStepsOnAScheduleOfAsMany(int n, Path runDir, List<Long> evaluations) throws IOException {
        SnapshotHeader h = Snapshot.readHeader(runDir.resolve(TrainingRun.SNAPSHOT));
        assertEquals(n, h.step(), "steps taken");
        assertEquals(n, h.config().totalSteps(), "the learning-rate schedule's length");
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(runDir.resolve(TrainingRun.METRICS))) lines.add(JSON.readTree(l));
        assertEquals(evaluations, lines.stream().map(j -> j.get("step").asLong()).toList(), "evaluations");
        double peak = h.config().lr();
        assertEquals(LearningRate.FLOOR * peak, lines.get(lines.size() - 1).get("lr").asDouble(), 1e-12 * peak, "the schedule ends at the last step");
    }

    private Path textCorpus() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "papyrus scroll ".repeat(80));
        Path corpus = dir.resolve("corpus");
        CliTest.Result r = CliTest.run("ingest", "--corpus", corpus.toString(), "--text", text.toString());
        assertEquals(0, r.exit(), r.err());
        return corpus;
    }

    private static void train(Path corpus, Path run, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--corpus", corpus.toString(), "--run", run.toString(), "--width", "16", "--depth", "1",
                "--batch", "64"));
        args.addAll(List.of(more));
        CliTest.Result r = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void trainTakesItsStepsOnAScheduleOfAsManyAtTheDefaultOrTheGivenEvaluationInterval() throws IOException {
        Path corpus = textCorpus();
        train(corpus, dir.resolve("default"), "--steps", "12");
        tookStepsOnAScheduleOfAsMany(12, dir.resolve("default"), List.of(5L, 10L, 12L)); // TrainingDefaults.evalEvery(12) = 5
        train(corpus, dir.resolve("every4"), "--steps", "12", "--eval-every", "4");
        tookStepsOnAScheduleOfAsMany(12, dir.resolve("every4"), List.of(4L, 8L, 12L));
    }

    @Test
    void runTakesItsStepsOnAScheduleOfAsMany() throws IOException {
        byte[] v = new byte[24 * 24 * 8];
        for (int i = 0; i < v.length; i++) v[i] = (byte) (i % 24 * 5 + i / 576 * 9);
        Path scan = dir.resolve("mine.tif");
        Formats.byName("tiff").orElseThrow().createWriter().write(scan,
                Volumes.wrap(v, new long[] {24, 24, 8}, ScanMetadata.builder(DataType.UINT8).voxelSizeUm(VoxelSize.isotropic(4)).build()));
        Path out = dir.resolve("run");
        CliTest.Result r = CliTest.run("run", scan.toString(), "--out", out.toString(), "--steps", "20", "--crop", "24", "--patience", "0");
        assertEquals(0, r.exit(), r.err());
        tookStepsOnAScheduleOfAsMany(20, out.resolve("train"), List.of(5L, 10L, 15L, 20L));
    }

    @Test
    void aFinetuneJobTakesItsStepBudgetOnAScheduleOfAsMany() throws IOException {
        Path corpus = textCorpus();
        train(corpus, dir.resolve("base"), "--steps", "10");
        Files.writeString(dir.resolve("b.txt"), "scroll papyrus ".repeat(60));
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, String.join("\n", "base: base/model.aunn", "corpus: corpus", "ingest: {texts: [b.txt], heldOut: 0.2}", "budget: {steps: 12}",
                "learningRate: 2.0e-3", "batchSize: 64", "evalEvery: 4", "evalSamples: 128", "output: jobs/ft", ""));
        CliTest.Result r = CliTest.run("finetune", job.toString());
        assertEquals(0, r.exit(), r.err());
        tookStepsOnAScheduleOfAsMany(12, dir.resolve("jobs/ft"), List.of(4L, 8L, 12L));
    }
}
