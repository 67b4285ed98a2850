package org.scrollwork.workflows.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import org.scrollwork.workflows.CliTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordKind;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.workflows.ScrollworkCli;

class FinetuneJobTest {
    @TempDir Path dir;

    private static String text(int n, int seed) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append((char) ('a' + (i * seed + i / 7) % 26));
        return sb.toString();
    }

    /** A corpus holding scroll A, a base model trained on it, and scroll B's text on disk; returns the base snapshot. */
    private Path baseSetup() throws IOException {
        try (Corpus c = Corpus.create(dir.resolve("corpus"), new CorpusOptions(20))) {
            c.appendText(text(2000, 3), RecordMeta.of("text"));
        }
        AunnConfig config = AunnConfig.defaults().withShape(32, 1).withBatchSize(64).withOptim(3e-3, 5, 30, 0.0).withSeed(2);
        try (Corpus c = Corpus.open(dir.resolve("corpus"))) {
            TrainingRun.run(c, config, dir.resolve("runs/base"), new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 30, 30, 256), m -> { });
        }
        Files.writeString(dir.resolve("b.txt"), text(1500, 5));
        return dir.resolve("runs/base").resolve(TrainingRun.SNAPSHOT);
    }

    private Path spec(String name, int steps, String output) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n",
                "base: runs/base/model.aunn",
                "corpus: corpus",
                "ingest: {texts: [b.txt], heldOut: 0.2}",
                "budget: {steps: " + steps + "}",
                "learningRate: 1.0e-3",
                "warmupSteps: 5",
                "batchSize: 64",
                "replay: 0.2",
                "evalEvery: 20",
                "evalSamples: 128",
                "output: " + output,
                ""));
        return p;
    }

    private static List<Long> metricSteps(Path job) throws IOException {
        List<Long> steps = new ArrayList<>();
        if (!Files.exists(job.resolve(TrainingRun.METRICS))) return steps; // killed between the first snapshot and its metric line
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(job.resolve(TrainingRun.METRICS))) steps.add(json.readTree(line).get("step").asLong());
        return steps;
    }

    @Test
    void aKilledJobResumesTheBaseStaysUnchangedAndASecondRunOfTheSameJobIsRefused() throws Exception {
        Path base = baseSetup();
        byte[] baseBytes = Files.readAllBytes(base);
        int steps = 300;
        Path spec = spec("job.yaml", steps, "jobs/b");
        Path job = dir.resolve("jobs/b");
        Path snap = job.resolve(TrainingRun.SNAPSHOT);

        Process child = childJvm(spec, dir.resolve("child.log"));
        long killedAt;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(snap)) {
                assertTrue(child.isAlive(), () -> "child ended before its first snapshot: " + log());
                assertTrue(System.nanoTime() < deadline, "no snapshot within 120 s");
                Thread.sleep(5);
            }
            // the same job again while the first run holds its directory: refused, nothing touched
            CliTest.Result second = CliTest.run("finetune", spec.toString());
            assertTrue(child.isAlive(), "the first run is still going");
            assertEquals(ScrollworkCli.EXIT_FAILURE, second.exit(), second.err());
            assertTrue(second.err().contains("job directory " + job + " is in use: another finetune holds " + job.resolve("job.lock")), second.err());
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        killedAt = Snapshot.readHeader(snap).step();
        assertTrue(killedAt >= 20 && killedAt < steps, "killed mid-way, at step " + killedAt);
        List<Long> before = metricSteps(job);
        for (long st : before) assertTrue(st <= killedAt, "no metric line past the snapshot: " + before);

        CliTest.Result rerun = CliTest.run("finetune", spec.toString());
        assertEquals(0, rerun.exit(), rerun.err() + rerun.out());
        assertTrue(rerun.out().contains("resuming " + job + " from step " + killedAt), rerun.out());
        assertTrue(rerun.out().contains("step " + steps + " (step budget reached)"), rerun.out());
        assertEquals(steps, Snapshot.readHeader(snap).step());
        List<Long> after = metricSteps(job);
        assertEquals(before, after.subList(0, before.size()), "earlier metric lines kept");
        List<Long> resumed = after.subList(before.size(), after.size());
        assertEquals(killedAt + 20, resumed.get(0), "metrics continue after the snapshot's step");
        for (int i = 0; i < resumed.size(); i++) assertEquals(killedAt + 20 * (i + 1), resumed.get(i));
        assertEquals(steps, resumed.get(resumed.size() - 1));

        // the new scroll was ingested once, after scroll A, with its last 20 % held out
        try (Corpus c = Corpus.open(dir.resolve("corpus"))) {
            assertEquals(4, c.records().size(), "A's two records and B's two, B not appended twice");
            CorpusRecord b = c.record(3);
            assertEquals(RecordKind.TEXT, b.kind());
            assertEquals(300, c.count(Role.HELD_OUT));
        }
        assertArrayEquals(baseBytes, Files.readAllBytes(base), "base snapshot unchanged");

        // someone rewrites the base: the job refuses to continue from it
        Files.write(base, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        CliTest.Result changed = CliTest.run("finetune", spec.toString());
        assertEquals(ScrollworkCli.EXIT_FAILURE, changed.exit());
        assertTrue(changed.err().contains("base snapshot " + base + " changed since this job started"), changed.err());
    }

    @Test
    void aBaseChangedUnderARunningJobStopsIt() throws Exception {
        Path base = baseSetup();
        byte[] original = Files.readAllBytes(base);
        FinetuneSpec spec = FinetuneSpec.read(spec("job.yaml", 200, "jobs/c"));
        FinetuneException e = assertThrows(FinetuneException.class, () -> FinetuneJob.run(spec, new PrintWriter(new StringWriter()), m -> {
            if (m.step() == 40) {
                try {
                    byte[] b = original.clone();
                    b[b.length / 2] ^= 1; // same size: found by the checksum after the modification time moved
                    Files.write(base, b);
                    Files.setLastModifiedTime(base, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
                } catch (IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            }
        }));
        assertTrue(e.getMessage().contains("base snapshot " + base + " changed since this job started"), e.getMessage());
        assertEquals(40, Snapshot.readHeader(dir.resolve("jobs/c").resolve(TrainingRun.SNAPSHOT)).step());
    }

    @Test
    void aMinutesBudgetCountsTrainingTimeOverAllRunsOfTheJob() throws Exception {
        baseSetup();
        Path p = dir.resolve("timed.yaml");
        Files.writeString(p, "base: runs/base/model.aunn\ncorpus: corpus\ningest: {texts: [b.txt], heldOut: 0.2}\nbudget: {minutes: 0.0001}\n"
                + "batchSize: 64\nevalEvery: 20\nevalSamples: 128\noutput: jobs/t\n");
        FinetuneSpec spec = FinetuneSpec.read(p);
        FinetuneJob.Result first = FinetuneJob.run(spec, new PrintWriter(new StringWriter()), m -> { });
        assertEquals(20, first.metrics().step(), "6 ms of budget: stops at the first evaluation");
        assertTrue(first.stopReason().startsWith("time budget of 1.0E-4 minutes spent"), first.stopReason());
        assertEquals(20, Snapshot.readHeader(dir.resolve("jobs/t").resolve(TrainingRun.SNAPSHOT)).step());
        FinetuneJob.Result again = FinetuneJob.run(spec, new PrintWriter(new StringWriter()), m -> { throw new AssertionError("no more training"); });
        assertEquals(null, again.metrics());
        assertTrue(again.resumed());
        assertTrue(again.stopReason().contains("already spent"), again.stopReason());
    }

    @Test
    void aScanIsIngestedOnceWithItsLastSlicesHeldOutEvenWhenKilledBeforeTheJobRecordedIt() throws Exception {
        baseSetup();
        byte[] v = new byte[8 * 8 * 8];
        for (int k = 0; k < v.length; k++) v[k] = (byte) (k * 31 + k / 64);
        Path scan = dir.resolve("scan.tif");
        org.scrollwork.io.Formats.byName("tiff").orElseThrow().createWriter().write(scan, org.scrollwork.io.Volumes.wrap(v, new long[] {8, 8, 8},
                org.scrollwork.io.ScanMetadata.builder(org.scrollwork.io.DataType.UINT8).build()));
        Path p = dir.resolve("scan.yaml");
        Files.writeString(p, "base: runs/base/model.aunn\ncorpus: corpus\ningest: {scans: [scan.tif], texts: [b.txt], heldOut: 0.25}\n"
                + "budget: {steps: 20}\nbatchSize: 64\nevalEvery: 20\nevalSamples: 128\noutput: jobs/s\n");
        FinetuneSpec spec = FinetuneSpec.read(p);
        FinetuneJob.Result r = FinetuneJob.run(spec, new PrintWriter(new StringWriter()), m -> { });
        assertEquals(2, r.firstRecord(), "after scroll A's METADATA and TEXT records");
        assertEquals(6, r.endRecord(), "the scan and the text, each with its METADATA record");
        try (Corpus c = Corpus.open(dir.resolve("corpus"))) {
            assertEquals(RecordKind.VOLUME, c.record(3).kind());
            assertEquals(RecordKind.TEXT, c.record(5).kind());
            // last 2 of 8 slices of the scan, last 375 of 1500 bytes of the text
            assertEquals(8 * 8 * 2 + 375, c.count(Role.HELD_OUT));
            assertEquals(v[8 * 8 * 6] & 0xFF, c.byteAt(c.index(Role.HELD_OUT, 0)), "first held-out byte: voxel (0, 0, 6)");
        }
        // as if killed after the appends but before job-state.json recorded them: the rerun finds them, appends nothing
        Path state = dir.resolve("jobs/s").resolve(JobState.FILE);
        Files.writeString(state, Files.readString(state).replaceAll("\"firstRecord\" : \\d+", "\"firstRecord\" : -1")
                .replaceAll("\"endRecord\" : \\d+", "\"endRecord\" : -1"));
        assertEquals(-1, JobState.read(dir.resolve("jobs/s")).firstRecord());
        FinetuneJob.Result again = FinetuneJob.run(spec, new PrintWriter(new StringWriter()), m -> { });
        assertEquals(2, again.firstRecord());
        assertEquals(6, again.endRecord());
        try (Corpus c = Corpus.open(dir.resolve("corpus"))) {
            assertEquals(6, c.records().size(), "nothing appended twice");
            assertEquals(8 * 8 * 2 + 375, c.count(Role.HELD_OUT), "nothing masked twice");
        }
    }

    @Test
    void aJobMayNotWorkInItsBasesDirectory() throws Exception {
        baseSetup();
        CliTest.Result r = CliTest.run("finetune", spec("job.yaml", 10, "runs/base").toString());
        assertEquals(ScrollworkCli.EXIT_FAILURE, r.exit());
        assertTrue(r.err().contains("is the directory of the base snapshot"), r.err());
    }

    /**
     * Separate processes, as {@code bin/scrollwork} runs them (DJL's PyTorch engine allows one gradient
     * collector per JVM at a time, so two trainings cannot share one JVM).
     */
    @Test
    @Tag("slow")
    void twoJobsOnOneCorpusRunAtOnceInTheirOwnDirectories() throws Exception {
        baseSetup();
        try (Corpus c = Corpus.open(dir.resolve("corpus"))) {
            c.appendText(text(800, 5), RecordMeta.of("text"));
            c.mask(3, 600, 800, Role.HELD_OUT);
        }
        List<Process> children = new ArrayList<>();
        List<String> names = List.of("x", "y");
        for (String name : names) {
            Path p = dir.resolve(name + ".yaml");
            Files.writeString(p, "base: runs/base/model.aunn\ncorpus: corpus\nnewRecordsFrom: 2\nbudget: {steps: 100}\nbatchSize: 64\n"
                    + "evalEvery: 20\nevalSamples: 128\nseed: " + (name.equals("x") ? 1 : 2) + "\noutput: jobs/" + name + "\n");
            children.add(childJvm(p, dir.resolve(name + ".log")));
        }
        boolean sawBothTraining = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (children.stream().anyMatch(Process::isAlive) && System.nanoTime() < deadline) {
                boolean both = true;
                for (int i = 0; i < 2; i++) both &= children.get(i).isAlive() && Files.exists(dir.resolve("jobs").resolve(names.get(i)).resolve(TrainingRun.SNAPSHOT));
                sawBothTraining |= both;
                Thread.sleep(5);
            }
            for (int i = 0; i < 2; i++) {
                Process p = children.get(i);
                assertTrue(p.waitFor(1, TimeUnit.SECONDS), "job " + names.get(i) + " finished");
                assertEquals(0, p.exitValue(), Files.readString(dir.resolve(names.get(i) + ".log")));
            }
        } finally {
            for (Process p : children) p.destroyForcibly();
        }
        assertTrue(sawBothTraining, "both jobs had written a snapshot while both were still running");
        for (String name : names) {
            Path job = dir.resolve("jobs").resolve(name);
            assertEquals(100, Snapshot.readHeader(job.resolve(TrainingRun.SNAPSHOT)).step());
            try (java.util.stream.Stream<Path> files = Files.list(job)) {
                assertEquals(List.of("aunn-config.json", "job-state.json", "job.lock", "metrics.jsonl", "model.aunn"),
                        files.map(f -> f.getFileName().toString()).sorted().toList(), "no temporary files left");
            }
        }
    }

    private Process childJvm(Path spec, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                ScrollworkCli.class.getName(), "finetune", spec.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
