package org.scrollwork.workflows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.corpus.VerifyReport;
import org.scrollwork.pipeline.TrainingRun;

/**
 * {@code finetune JOB.yaml} in a child JVM killed with SIGKILL at a random moment (seeded) of a fresh job (even rounds:
 * just after a random evaluation, whose snapshot may or may not be written yet; odd rounds: at a random time within the
 * first two thirds of an uninterrupted job, JVM start and the job's ingest included), then rerun to the end in another,
 * once per round, each round on its own copy of the corpus: the job resumes and ends on an uninterrupted job's final
 * snapshot, byte for byte, with every evaluation in {@code metrics.jsonl} exactly once and on the same numbers, the corpus
 * passes {@code verify}, and the job directory and the corpus hold the files an uninterrupted job leaves and nothing else
 * (no temporary, no old copy, no orphan segment).
 */
class FinetuneKillTest {
    private static final int STEPS = 30;
    private static final int EVAL_EVERY = 5;

    @TempDir Path dir;

    @Test
    void aKillResumesToTheSameSnapshot() throws Exception {
        run(2, 13L);
    }

    @Test
    @Tag("slow")
    void twentyKillsResumeToTheSameSnapshot() throws Exception {
        run(20, 20261207L);
    }

    private static String text(int n, int seed) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append((char) ('a' + (i * seed + i / 7) % 26));
        return sb.toString();
    }

    private void run(int rounds, long seed) throws Exception {
        // scroll A in a corpus, a small base trained on it; scroll B's text on disk, ingested by each job into its copy
        Path template = dir.resolve("corpus-a");
        try (Corpus c = Corpus.create(template, new CorpusOptions(20))) {
            c.appendText(text(2000, 3), RecordMeta.of("text"));
        }
        AunnConfig config = AunnConfig.defaults().withShape(32, 1).withBatchSize(64).withOptim(3e-3, 5, 20, 0.0).withSeed(2);
        try (Corpus c = Corpus.open(template)) {
            TrainingRun.run(c, config, dir.resolve("base"), new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 20, 20, 128), m -> { });
        }
        Path base = dir.resolve("base").resolve(TrainingRun.SNAPSHOT);
        byte[] baseBytes = Files.readAllBytes(base);

        // every job runs in the same folder (the scroll's source path is part of its metadata record, which the job
        // trains on): the uninterrupted one, moved aside when done, then each round's, deleted after its checks
        Path r = job(dir.resolve("round"), template, base);
        long t0 = System.nanoTime();
        Process whole = child(r).start();
        assertTrue(whole.waitFor(300, TimeUnit.SECONDS) && whole.exitValue() == 0, "an uninterrupted finetune finishes");
        long wholeMs = (System.nanoTime() - t0) / 1_000_000;
        Path straight = Files.move(r, dir.resolve("straight"));
        Path straightJob = straight.resolve("job");
        List<JsonNode> expected = lines(straightJob);
        List<Long> everyEval = new ArrayList<>();
        for (long s = EVAL_EVERY; s <= STEPS; s += EVAL_EVERY) everyEval.add(s);
        assertEquals(everyEval, steps(expected), "the uninterrupted job measures every evaluation once");
        byte[] finalSnapshot = Files.readAllBytes(straightJob.resolve(TrainingRun.SNAPSHOT));
        Set<String> jobFiles = names(straightJob);
        Set<String> corpusFiles = names(straight.resolve("corpus"));
        Set<String> roundFiles = names(straight);
        for (String n : union(jobFiles, corpusFiles)) assertTrue(!n.startsWith(".") && !n.endsWith(".tmp") && !n.endsWith(".old"), "uninterrupted job left " + n);

        Random rnd = new Random(seed);
        int midRun = 0;
        for (int round = 0; round < rounds; round++) {
            job(r, template, base);
            Path job = r.resolve("job");
            Process p = child(r).start();
            if (round % 2 == 0) {
                // just after a random evaluation (and up to 20 ms more): between the metrics line and its snapshot, or after both
                waitForLines(job, 1 + rnd.nextInt(expected.size() - 1), p);
                Thread.sleep(rnd.nextInt(21));
            } else {
                Thread.sleep((long) (wholeMs * (0.05 + 0.6 * rnd.nextDouble())));
            }
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child did not die");
            if (!Files.exists(job.resolve(TrainingRun.METRICS)) || lines(job).size() < expected.size()) midRun++;
            Process rerun = child(r).start(); // the same command again
            assertTrue(rerun.waitFor(300, TimeUnit.SECONDS) && rerun.exitValue() == 0, "round " + round + ": the rerun finishes");

            List<JsonNode> got = lines(job);
            assertEquals(everyEval, steps(got), "round " + round + ": every evaluation once, none lost, none repeated");
            for (int i = 0; i < expected.size(); i++) {
                for (String field : List.of("trainBitsPerByte", "heldOutBitsPerByte", "lr")) {
                    assertEquals(expected.get(i).get(field).asDouble(), got.get(i).get(field).asDouble(), 1e-9,
                            "round " + round + ", step " + expected.get(i).get("step") + ", " + field);
                }
            }
            assertArrayEquals(finalSnapshot, Files.readAllBytes(job.resolve(TrainingRun.SNAPSHOT)), "round " + round + ": the final snapshot is the uninterrupted job's");
            assertArrayEquals(baseBytes, Files.readAllBytes(base), "round " + round + ": the base is never written");
            try (Corpus c = Corpus.open(r.resolve("corpus"))) {
                VerifyReport v = c.verify();
                assertTrue(v.ok(), "round " + round + ": " + v.damaged());
            }
            assertEquals(jobFiles, names(job), "round " + round + ": nothing else left in the job directory");
            assertEquals(corpusFiles, names(r.resolve("corpus")), "round " + round + ": nothing else left in the corpus");
            assertEquals(roundFiles, names(r), "round " + round + ": nothing else left beside the job");
            org.scrollwork.files.AtomicFiles.deleteTree(r);
        }
        System.out.println("finetune kill harness: " + rounds + " kills, " + midRun + " before the job was complete; an uninterrupted job took "
                + wholeMs + " ms");
        assertTrue(midRun > 0, "some kills landed before the job was complete");
    }

    /** A round's folder: a copy of scroll A's corpus, scroll B's text and the job spec; returns the folder. */
    private static Path job(Path r, Path template, Path base) throws IOException {
        Files.createDirectories(r.resolve("corpus"));
        try (Stream<Path> s = Files.list(template)) {
            for (Path f : s.toList()) Files.copy(f, r.resolve("corpus").resolve(f.getFileName()));
        }
        Files.writeString(r.resolve("b.txt"), text(1500, 5));
        Files.writeString(r.resolve("job.yaml"), String.join("\n",
                "base: " + base.toAbsolutePath(),
                "corpus: corpus",
                "ingest: {texts: [b.txt], heldOut: 0.2}",
                "budget: {steps: " + STEPS + "}",
                "learningRate: 1.0e-3",
                "warmupSteps: 5",
                "batchSize: 64",
                "replay: 0.2",
                "seed: 4",
                "evalEvery: " + EVAL_EVERY,
                "snapshotEvery: " + 2 * EVAL_EVERY,
                "evalSamples: 128",
                "output: job",
                ""));
        return r;
    }

    private static ProcessBuilder child(Path r) {
        // one PyTorch thread, as in TrainKillTest: B-spline grids train bit-identically from process to process only so
        return ChildCli.of("512m", List.of("-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"),
                List.of("finetune", r.resolve("job.yaml").toString()));
    }

    /** Waits until the job's metrics file holds {@code count} lines, or the child exits. */
    private static void waitForLines(Path job, int count, Process p) throws Exception {
        Path metrics = job.resolve(TrainingRun.METRICS);
        while (p.isAlive() && (!Files.exists(metrics) || Files.readAllLines(metrics).size() < count)) Thread.sleep(2);
    }

    private static List<JsonNode> lines(Path job) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(job.resolve(TrainingRun.METRICS))) if (!l.isBlank()) out.add(json.readTree(l));
        return out;
    }

    private static List<Long> steps(List<JsonNode> lines) {
        return lines.stream().map(n -> n.get("step").asLong()).toList();
    }

    private static Set<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return new TreeSet<>(s.map(f -> f.getFileName().toString()).toList());
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }
}
