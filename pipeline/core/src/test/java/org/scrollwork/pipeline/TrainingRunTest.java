package org.scrollwork.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.train.LearningRate;

class TrainingRunTest {
    @TempDir Path dir;

    private static InMemoryByteSource source() {
        byte[] data = new byte[2048];
        Role[] roles = new Role[data.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ((i % 16) * 9);
            roles[i] = i >= 1792 ? Role.HELD_OUT : Role.TRAIN;
        }
        return new InMemoryByteSource(16, 0, data, roles);
    }

    private static AunnConfig config() {
        return AunnConfig.defaults().withShape(32, 2).withBatchSize(128).withOptim(3e-3, 5, 40, 0.0).withSeed(7);
    }

    private static final TrainingRun.Options OPTIONS = new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 10, 10, 512);

    /** Thrown by a progress callback to simulate a kill right after a snapshot. */
    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void interruptedRunResumesOnTheSameCurve() throws IOException {
        TrainingRun.Metrics straight = TrainingRun.run(source(), config(), dir.resolve("a"), OPTIONS, m -> { });
        Path b = dir.resolve("b");
        assertThrows(Killed.class, () -> TrainingRun.run(source(), config(), b, OPTIONS, m -> {
            if (m.step() == 20) throw new Killed();
        }));
        TrainingRun.Metrics resumed = TrainingRun.run(source(), config(), b, OPTIONS, m -> assertTrue(m.step() > 20, "resumes after step 20"));
        assertEquals(40, resumed.step());
        assertEquals(straight.trainBits(), resumed.trainBits(), 1e-4);
        assertEquals(straight.heldOutBits(), resumed.heldOutBits(), 1e-4);
        assertEquals(4, Files.readAllLines(b.resolve(TrainingRun.METRICS)).size(), "steps 10, 20, 30, 40");
    }

    @Test
    void aResumeDropsWhatTheKilledCallMeasuredAfterItsLastSnapshotAndSaysWhereItResumed() throws IOException {
        TrainingRun.Options snapshotEvery20 = new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 10, 20, 512);
        Path b = dir.resolve("resumed");
        // killed after measuring step 30, whose snapshot is not due: the run directory holds step 20's snapshot
        assertThrows(Killed.class, () -> TrainingRun.run(source(), config(), b, snapshotEvery20, m -> {
            if (m.step() == 30) throw new Killed();
        }));
        assertEquals(3, Files.readAllLines(b.resolve(TrainingRun.METRICS)).size());
        double secondsAt20 = new ObjectMapper().readTree(Files.readAllLines(b.resolve(TrainingRun.METRICS)).get(1)).get("seconds").asDouble();
        assertEquals(new TrainingRun.ResumePoint(20, secondsAt20), TrainingRun.resumePoint(b), "where a progress bar of the resumed run starts");
        assertEquals(TrainingRun.ResumePoint.START, TrainingRun.resumePoint(dir.resolve("never-trained")));
        TrainingRun.run(source(), config(), b, snapshotEvery20, m -> { });
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String l : Files.readAllLines(b.resolve(TrainingRun.METRICS))) lines.add(new ObjectMapper().readTree(l));
        assertEquals(List.of(10L, 20L, 30L, 40L), lines.stream().map(n -> n.get("step").asLong()).toList(), "each step once");
        assertEquals(20, lines.get(2).path("resumedFromStep").asLong(-1), "the first line after the resume says where it resumed");
        assertTrue(lines.get(3).path("resumedFromStep").isMissingNode());
        for (int i = 1; i < lines.size(); i++) assertTrue(lines.get(i).get("seconds").asDouble() >= lines.get(i - 1).get("seconds").asDouble(), "seconds continue");
    }

    @Test
    void aRunKilledBeforeItsFirstSnapshotStartsAfreshWithoutItsLines() throws IOException {
        TrainingRun.Options snapshotEvery20 = new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 10, 20, 512);
        Path b = dir.resolve("fresh");
        assertThrows(Killed.class, () -> TrainingRun.run(source(), config(), b, snapshotEvery20, m -> {
            if (m.step() == 10) throw new Killed();
        }));
        assertEquals(1, Files.readAllLines(b.resolve(TrainingRun.METRICS)).size());
        TrainingRun.run(source(), config(), b, snapshotEvery20, m -> { });
        List<Long> steps = Files.readAllLines(b.resolve(TrainingRun.METRICS)).stream().map(l -> {
            try {
                return new ObjectMapper().readTree(l).get("step").asLong();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertEquals(List.of(10L, 20L, 30L, 40L), steps);
    }

    @Test
    void trainingLowersBitsBelowTheUniformEightAndHeldOutIsScoredSeparately() {
        TrainingRun.Metrics m = TrainingRun.run(source(), config(), dir.resolve("c"), OPTIONS, x -> { });
        assertTrue(m.trainBits() < 7.0, "train bits " + m.trainBits());
        assertTrue(Double.isFinite(m.heldOutBits()));
    }

    @Test
    void earlyStoppingKeepsTheBestHeldOutModelAndStops() {
        InMemoryByteSource noisy = noisyHeldOut();
        AunnConfig c = config().withOptim(1e-2, 5, 400, 0.0);
        TrainingRun.Options opts = new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 10, 1000, 512, 3);
        TrainingRun.Metrics m = TrainingRun.run(noisy, c, dir.resolve("e"), opts, x -> { });
        assertTrue(m.step() < 400, "stopped early at " + m.step());
        assertTrue(Files.exists(dir.resolve("e").resolve(TrainingRun.BEST)));
    }

    /** Held-out bytes are noise the model cannot predict: held-out loss stops improving early. */
    private static InMemoryByteSource noisyHeldOut() {
        byte[] data = new byte[2048];
        Role[] roles = new Role[data.length];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int i = 0; i < data.length; i++) {
            boolean held = i % 8 == 7;
            data[i] = held ? (byte) rnd.nextInt(256) : (byte) ((i % 16) * 9);
            roles[i] = held ? Role.HELD_OUT : Role.TRAIN;
        }
        return new InMemoryByteSource(16, 0, data, roles);
    }

    @Test
    void aRunCutIntoPiecesStopsWhereAnUninterruptedOneStopsWithTheSameBestModelAndStaysStopped() throws IOException {
        AunnConfig c = config().withOptim(1e-2, 5, 400, 0.0);
        TrainingRun.Options opts = new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 10, 1000, 512, 3);
        TrainingRun.Metrics straight = TrainingRun.run(noisyHeldOut(), c, dir.resolve("straight"), opts, x -> { });
        assertTrue(straight.step() < 400, "stopped early at " + straight.step());
        // the same run, each call ended by a time limit after one evaluation (as --minutes or a kill would end it)
        Path pieces = dir.resolve("pieces");
        TrainingRun.Options oneEvaluation = opts.withTimeLimit(1e-9);
        long step = -1;
        int calls = 0;
        while (calls++ < 100) {
            long now = TrainingRun.run(noisyHeldOut(), c, pieces, oneEvaluation, x -> { }).step();
            if (now == step) break;
            step = now;
        }
        assertEquals(straight.step(), step, "the pieces stop at the same step");
        assertEquals(straight.step() / 10 + 1, calls, "one call per evaluation, and one that finds the run stopped");
        assertEquals(-1, Files.mismatch(dir.resolve("straight").resolve(TrainingRun.BEST), pieces.resolve(TrainingRun.BEST)), "the same best model");
        // a stopped run called again trains nothing: its metrics and snapshot stay as they are
        byte[] metrics = Files.readAllBytes(pieces.resolve(TrainingRun.METRICS)), snapshot = Files.readAllBytes(pieces.resolve(TrainingRun.SNAPSHOT));
        assertEquals(straight.step(), TrainingRun.run(noisyHeldOut(), c, pieces, opts, x -> { throw new AssertionError("trained again at " + x.step()); }).step());
        assertTrue(java.util.Arrays.equals(metrics, Files.readAllBytes(pieces.resolve(TrainingRun.METRICS))));
        assertTrue(java.util.Arrays.equals(snapshot, Files.readAllBytes(pieces.resolve(TrainingRun.SNAPSHOT))));
    }

    @Test
    void aRunTrainsItsConfigsStepsAndEndsWhereItsLearningRateScheduleEnds() throws IOException {
        AunnConfig twelve = config().withOptim(3e-3, 2, 12, 0.0);
        List<TrainingRun.Metrics> seen = new java.util.ArrayList<>();
        TrainingRun.Metrics m = TrainingRun.run(source(), twelve, dir.resolve("twelve"), new TrainingRun.Options(TrainingRun.ScheduleName.ANNEALED, 5, 5, 64),
                seen::add);
        assertEquals(List.of(5L, 10L, 12L), seen.stream().map(TrainingRun.Metrics::step).toList(), "evaluations every 5 steps and at the last");
        for (TrainingRun.Metrics x : seen) assertEquals(12, x.totalSteps());
        assertEquals(12, m.step());
        assertEquals(LearningRate.FLOOR * 3e-3, m.lr(), 1e-12, "the schedule has decayed to its floor at the run's last step");
        assertEquals(new LearningRate(3e-3, 2, 12).at(10), seen.get(1).lr(), 1e-12);
        org.scrollwork.aunn.snapshot.SnapshotHeader h = org.scrollwork.aunn.snapshot.Snapshot.readHeader(dir.resolve("twelve").resolve(TrainingRun.SNAPSHOT));
        assertEquals(12, h.step());
        assertEquals(12, h.config().totalSteps());
    }

    @Test
    void runOptionsCarryNoStepCountOfTheirOwn() {
        // the step count lives in the model config alone, so a run's length and its schedule's cannot disagree
        List<String> components = java.util.Arrays.stream(TrainingRun.Options.class.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).toList();
        assertTrue(components.stream().noneMatch(n -> n.toLowerCase(java.util.Locale.ROOT).contains("steps")), components.toString());
        TrainingRun.Options d = TrainingDefaults.options(TrainingDefaults.model(64, 400, 1), TrainingRun.ScheduleName.RANDOM, 0);
        assertEquals(TrainingDefaults.evalEvery(400), d.evalEvery());
        assertEquals(20, d.evalEvery());
        assertEquals(40, d.snapshotEvery());
        assertEquals(7, TrainingDefaults.evalEvery(400, 7), "a given interval wins");
        assertEquals(20, TrainingDefaults.evalEvery(400, 0), "0 = the default rule");
        assertThrows(IllegalArgumentException.class, () -> new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 0, 1, 1));
    }

    @Test
    void spreadPicksEvenlyByRank() {
        long[] idx = TrainingRun.spread(source(), Role.HELD_OUT, 4);
        assertEquals(4, idx.length);
        assertEquals(1792, idx[0]);
        assertEquals(1792 + 192, idx[3]);
        assertEquals(0, TrainingRun.spread(source(), Role.UNKNOWN, 4).length);
    }

    @Test
    void aRunStartsFromInitialWeightsWithoutWritingThemAndATimeLimitStopsIt() throws IOException {
        Path base = dir.resolve("base");
        TrainingRun.run(source(), config().withOptim(3e-3, 5, 10, 0.0), base, new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 10, 10, 64), m -> { });
        Path baseSnap = base.resolve(TrainingRun.SNAPSHOT);
        byte[] before = Files.readAllBytes(baseSnap);
        java.util.Map<String, float[]> baseParams = org.scrollwork.aunn.snapshot.Snapshot.read(baseSnap).params();
        // one step at a negligible learning rate: the weights are still the base's
        AunnConfig tiny = config().withOptim(1e-12, 0, 1, 0.0);
        Path ft = dir.resolve("ft");
        TrainingRun.Options one = new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 1, 1, 64).withInitialWeights(baseSnap);
        TrainingRun.Metrics m = TrainingRun.run(source(), tiny, ft, one, x -> { });
        assertEquals(1, m.step(), "a finetune counts its own steps from 0");
        org.scrollwork.aunn.snapshot.Snapshot.Contents got = org.scrollwork.aunn.snapshot.Snapshot.read(ft.resolve(TrainingRun.SNAPSHOT));
        for (var e : baseParams.entrySet()) {
            float[] want = e.getValue();
            float[] have = got.params().get(e.getKey());
            for (int i = 0; i < want.length; i++) assertEquals(want[i], have[i], 1e-6, e.getKey() + "[" + i + "]");
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(baseSnap)), "base snapshot unchanged");
        // from random weights instead, the same step leaves them far from the base's
        TrainingRun.run(source(), tiny, dir.resolve("scratch"), new TrainingRun.Options(TrainingRun.ScheduleName.RANDOM, 1, 1, 64), x -> { });
        float[] w0 = org.scrollwork.aunn.snapshot.Snapshot.read(dir.resolve("scratch").resolve(TrainingRun.SNAPSHOT)).params().values().iterator().next();
        float[] b0 = baseParams.values().iterator().next();
        double diff = 0;
        for (int i = 0; i < w0.length; i++) diff = Math.max(diff, Math.abs(w0[i] - b0[i]));
        assertTrue(diff > 1e-3, "random init differs from the base: " + diff);

        // a time limit of 1 ms stops after the first evaluation, with a snapshot to resume from
        Path timed = dir.resolve("timed");
        TrainingRun.Metrics t = TrainingRun.run(source(), config(), timed, OPTIONS.withTimeLimit(0.001), x -> { });
        assertEquals(10, t.step());
        assertEquals(10, org.scrollwork.aunn.snapshot.Snapshot.readHeader(timed.resolve(TrainingRun.SNAPSHOT)).step());
    }
}
