package org.scrollwork.scaleout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.io.Compression;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volumes;
import org.scrollwork.pipeline.TrainedModel;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.pipeline.render.Renderer;
import org.scrollwork.testing.PythonReference;
import org.scrollwork.workflows.finetune.FinetuneJob;
import org.scrollwork.workflows.finetune.FinetuneSpec;

/** The scale-out jobs on {@code local[2]} (one Spark context for the class: starting one costs seconds). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleoutSparkTest {
    @TempDir Path dir;
    private JavaSparkContext sc;

    @BeforeAll void start() { sc = SparkSetup.start("local[2]", "scaleout-test"); }

    @AfterAll void stop() { if (sc != null) sc.close(); }

    private static String text(int n, int seed) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append((char) ('a' + (i * seed + i / 7) % 26));
        return sb.toString();
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    private Path spec(Path root, String name, int newRecordsFrom, String output) throws IOException {
        Path p = root.resolve(name);
        Files.writeString(p, String.join("\n", "base: runs/base/model.aunn", "corpus: corpus", "newRecordsFrom: " + newRecordsFrom,
                "budget: {steps: 40}", "learningRate: 1.0e-3", "warmupSteps: 5", "batchSize: 64", "replay: 0.2", "evalEvery: 20", "evalSamples: 128",
                "output: " + output, ""));
        return p;
    }

    @Test
    void finetuneJobsRunAsTasksAFailedAttemptIsRetriedToTheSameModelAndTheBaseIsNeverWritten() throws Exception {
        Path root = dir.resolve("ft");
        try (Corpus c = Corpus.create(root.resolve("corpus"), new CorpusOptions(20))) {
            c.appendText(text(2000, 3), RecordMeta.of("text"));
        }
        AunnConfig config = AunnConfig.defaults().withShape(32, 1).withBatchSize(64).withOptim(3e-3, 5, 30, 0.0).withSeed(2);
        try (Corpus c = Corpus.open(root.resolve("corpus"))) {
            TrainingRun.run(c, config, root.resolve("runs/base"), new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 30, 30, 256), m -> { });
        }
        try (Corpus c = Corpus.open(root.resolve("corpus"))) {
            CorpusRecord b = c.appendText(text(1500, 5), RecordMeta.of("text"));
            c.mask(b.id(), 1200, 1500, Role.HELD_OUT);
            CorpusRecord d = c.appendText(text(1500, 11), RecordMeta.of("text"));
            c.mask(d.id(), 1200, 1500, Role.HELD_OUT);
        }
        Path base = root.resolve("runs/base/model.aunn");
        String baseSha = sha256(base);
        List<Path> specs = List.of(spec(root, "b.yaml", 2, "jobs/b"), spec(root, "c.yaml", 4, "jobs/c"));

        // the first attempt of the first job dies after its first snapshot (step 20); Spark retries the task
        List<SparkFinetune.Outcome> out = SparkFinetune.run(sc, specs, (job, attempt, step) -> {
            if (job == 0 && attempt == 0 && step == 20) throw new IllegalStateException("injected failure of the first attempt");
        });
        assertEquals(2, out.size());
        assertEquals(1, out.get(0).attempt(), "job b finished by its second attempt");
        assertTrue(out.get(0).resumed(), "the retry resumed the job");
        assertEquals(0, out.get(1).attempt());
        for (SparkFinetune.Outcome o : out) {
            assertEquals(40, o.step(), o.toString());
            assertEquals("step budget reached", o.stopReason());
        }
        assertEquals(baseSha, sha256(base), "base snapshot unchanged");

        // reference: the same job run once, uninterrupted, outside Spark
        Path ref = spec(root, "b-ref.yaml", 2, "ref/b");
        FinetuneJob.run(FinetuneSpec.read(ref), new PrintWriter(new StringWriter()), m -> { });
        Map<String, float[]> got = Snapshot.read(root.resolve("jobs/b/model.aunn")).params();
        Map<String, float[]> want = Snapshot.read(root.resolve("ref/b/model.aunn")).params();
        assertEquals(want.keySet(), got.keySet());
        double worst = 0;
        for (String k : want.keySet()) {
            float[] a = want.get(k), b = got.get(k);
            for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        System.out.println("finetune retry vs uninterrupted: largest weight difference " + worst);
        assertTrue(worst <= 1e-5, "retried job ends at the uninterrupted job's weights (largest difference " + worst + ")");
        assertEquals(baseSha, sha256(base), "base snapshot unchanged");
    }

    @Test
    @Tag("python")
    void chunkParallelRenderEqualsTheSingleProcessRendererVoxelForVoxelAndZarrPythonReadsIt() throws Exception {
        PythonReference.assumeAvailable("zarr", "numpy");
        Path root = dir.resolve("render");
        int nx = 20, ny = 12, nz = 10;
        byte[] vox = new byte[nx * ny * nz];
        for (int z = 0, i = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++, i++) vox[i] = (byte) (40 + 8 * x + 5 * y + (z % 3) * 30);
        int record;
        try (Corpus c = Corpus.create(root.resolve("corpus"), new CorpusOptions(20))) {
            record = c.appendVolume(Volumes.wrap(vox, new long[] {nx, ny, nz}, ScanMetadata.of(DataType.UINT8))).id();
        }
        AunnConfig config = AunnConfig.defaults().withShape(32, 1).withBatchSize(256).withOptim(1e-2, 5, 60, 0.0).withSeed(3);
        try (Corpus c = Corpus.open(root.resolve("corpus"))) {
            TrainingRun.run(c, config, root.resolve("run"), new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 60, 60, 256), m -> { });
        }
        Path snapshot = root.resolve("run/model.aunn");
        Path store = root.resolve("render.ome.zarr");
        SparkRender.Summary s = SparkRender.run(sc, root.resolve("corpus"), snapshot, record, null, new int[] {8, 8, 4}, Compression.BLOSC_LZ4, store, 4);
        assertEquals(3 * 2 * 3, s.chunks());

        byte[] want;
        try (Corpus c = Corpus.open(root.resolve("corpus")); TrainedModel m = TrainedModel.load(snapshot)) {
            CorpusRecord r = c.record(record);
            double[] v = Renderer.render(m.model(), r, new Box(0, 0, 0, nx, ny, nz));
            want = new byte[v.length];
            for (int i = 0; i < v.length; i++) want[i] = (byte) Math.max(0, Math.min(255, Math.round(v[i])));
        }
        int distinct = (int) java.util.stream.IntStream.range(0, want.length).map(i -> want[i] & 0xff).distinct().count();
        assertTrue(distinct > 5, "the model renders structure, not a constant (" + distinct + " distinct values)");

        String script = String.join("\n",
                "import zarr, numpy, sys",
                "g = zarr.open_group('" + store + "', mode='r')",
                "ms = g.attrs['multiscales'][0]",
                "a = g[ms['datasets'][0]['path']]",
                "assert a.shape == (" + nz + ", " + ny + ", " + nx + "), a.shape",
                "assert a.chunks == (4, 8, 8), a.chunks",
                "assert a.dtype == numpy.uint8, a.dtype",
                "open('from-zarr.raw', 'wb').write(numpy.ascontiguousarray(a[:]).tobytes())",
                "print('ok')", "");
        String pyOut = PythonReference.run(root, script);
        assertTrue(pyOut.contains("ok"), pyOut);
        byte[] got = Files.readAllBytes(root.resolve("from-zarr.raw"));
        assertArrayEquals(want, got, "Spark render read by zarr-python equals the single-process Renderer output");
    }

    @Test
    void dataParallelTrainingAveragesReplicasAsASerialEmulationDoesAndLearns() throws Exception {
        Path root = dir.resolve("dp");
        try (Corpus c = Corpus.create(root.resolve("corpus"), new CorpusOptions(20))) {
            CorpusRecord t = c.appendText(text(4000, 7), RecordMeta.of("text"));
            c.mask(t.id(), 3600, 4000, Role.HELD_OUT);
        }
        String corpus = root.resolve("corpus").toString();
        TrainSettings s = TrainSettings.bits(20, 32, 1, 64, 3e-3, 2, 15, 0.0, 5);
        DataParallelTraining.Result r = DataParallelTraining.run(sc, corpus, s, 2, 5, round -> { }); // 15 steps: 3 rounds of 5
        assertEquals(3, r.rounds().size());
        assertEquals(15, r.state().step());

        // the same rounds without Spark: train each shard in turn from the merged state, average
        ReplicaState state = DataParallelTraining.initial(s);
        for (int round = 0; round < 3; round++) {
            List<ReplicaState> replicas = new ArrayList<>();
            for (int p = 0; p < 2; p++) replicas.add(ReplicaRound.train(corpus, s, state, p, 2, 5));
            state = ReplicaState.average(replicas);
        }
        for (String k : state.params().keySet()) {
            assertArrayEquals(state.params().get(k), r.state().params().get(k), k);
            assertArrayEquals(state.secondMoment().get(k), r.state().secondMoment().get(k), k);
        }
        double before = DataParallelTraining.bitsPerByte(corpus, s, DataParallelTraining.initial(s), Role.HELD_OUT, 400);
        double after = DataParallelTraining.bitsPerByte(corpus, s, r.state(), Role.HELD_OUT, 400);
        assertTrue(after < before - 1, "held-out bits per byte fall: " + before + " -> " + after);
    }

    @Test
    void localMastersGetTaskRetriesOthersPassThrough() {
        assertEquals("local[2," + SparkSetup.TASK_ATTEMPTS + "]", SparkSetup.withRetries("local[2]"));
        assertEquals("local[*," + SparkSetup.TASK_ATTEMPTS + "]", SparkSetup.withRetries("local[*]"));
        assertEquals("local[2,3]", SparkSetup.withRetries("local[2,3]"));
        assertEquals("spark://head:7077", SparkSetup.withRetries("spark://head:7077"));
        assertEquals("local-cluster[2,1,1024]", SparkSetup.withRetries("local-cluster[2,1,1024]"));
    }

    @Test
    void averageIsTheElementwiseMeanAndShardsSplitTheTrainRanks() throws Exception {
        LinkedHashMap<String, float[]> a = new LinkedHashMap<>(Map.of("w", new float[] {1, 2, 3}));
        LinkedHashMap<String, float[]> b = new LinkedHashMap<>(Map.of("w", new float[] {3, 6, -3}));
        ReplicaState m = ReplicaState.average(List.of(new ReplicaState(a, 4, a, b, 4, 0, 0, 0), new ReplicaState(b, 4, b, b, 4, 0, 0, 0)));
        assertArrayEquals(new float[] {2, 4, 0}, m.params().get("w"));
        assertArrayEquals(new float[] {2, 4, 0}, m.firstMoment().get("w"));
        assertArrayEquals(new float[] {3, 6, -3}, m.secondMoment().get("w"));

        try (Corpus c = Corpus.create(dir.resolve("shards"), new CorpusOptions(20))) {
            CorpusRecord t = c.appendText(text(1001, 3), RecordMeta.of("text"));
            c.mask(t.id(), 900, 1001, Role.HELD_OUT);
            long n = c.count(Role.TRAIN);
            long k = 0;
            for (int p = 0; p < 3; p++) {
                ShardSource s = new ShardSource(c, p, 3);
                assertEquals(0, s.count(Role.HELD_OUT));
                for (long i = 0; i < s.count(Role.TRAIN); i++, k++) assertEquals(c.index(Role.TRAIN, k), s.index(Role.TRAIN, i));
            }
            assertEquals(n, k, "the shards cover every TRAIN index once");
        }
    }
}
