package org.scrollwork.scaleout;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.TrainingRun;

/**
 * Data-parallel training as the proposal puts it ("within each node, serial training on independent batches,
 * then merge"): each of {@code replicas} partitions trains a copy of the model on its {@link ShardSource} for
 * {@code localSteps} steps ({@link ReplicaRound}); the driver averages parameters and AdamW moments
 * ({@link ReplicaState#average}) and broadcasts the mean for the next round. Deterministic: the same settings
 * give the same model whatever the number of executors and whichever task attempts failed.
 */
public final class DataParallelTraining {
    private DataParallelTraining() {}

    /**
     * One round's timing.
     *
     * @param seconds         wall time of the round at the driver
     * @param maxTrainSeconds the slowest replica's time in its training steps
     * @param maxTaskSeconds  the slowest replica's task time (building the replica from the broadcast state, training, exporting)
     * @param averageSeconds  the driver's averaging
     * @param mergeSeconds    {@code seconds - maxTrainSeconds}: everything but training (replica set-up and export, broadcast,
     *                        scheduling, shipping states back, averaging; on a single JVM also the replicas' wait for the
     *                        training slot)
     * @param heldOutBits     the merged model's held-out bits per byte when this round ended an evaluation interval, else NaN
     *                        (not part of {@code seconds})
     */
    public record Round(int round, long step, double seconds, double maxTrainSeconds, double maxTaskSeconds, double averageSeconds,
                        double mergeSeconds, double meanTrainBits, double heldOutBits) {}

    /** The merged state after the last round, the rounds' timings and the run's wall time (evaluations not counted). */
    public record Result(ReplicaState state, List<Round> rounds, double seconds) {
        public double mergeSeconds() { return rounds.stream().mapToDouble(Round::mergeSeconds).sum(); }

        /** Replica set-up and export inside the tasks (slowest replica per round), summed over rounds. */
        public double replicaSetupSeconds() { return rounds.stream().mapToDouble(r -> r.maxTaskSeconds() - r.maxTrainSeconds()).sum(); }

        /** The driver's averaging, summed over rounds. */
        public double averageSeconds() { return rounds.stream().mapToDouble(Round::averageSeconds).sum(); }
    }

    /** The initial state (random weights from the settings' seed, zero optimizer state). */
    public static ReplicaState initial(TrainSettings settings) {
        try (AunnModel model = new AunnModel(settings.config()); AunnTrainer trainer = new AunnTrainer(model)) {
            return ReplicaState.of(trainer, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    /** {@link #run(JavaSparkContext, String, TrainSettings, int, int, int, Consumer)} without evaluations. */
    public static Result run(JavaSparkContext sc, String corpusDir, TrainSettings settings, int replicas, int localSteps, Consumer<Round> progress) {
        return run(sc, corpusDir, settings, replicas, localSteps, 0, progress);
    }

    /**
     * Trains the settings' {@link org.scrollwork.aunn.model.AunnConfig#totalSteps()} steps per replica (the length of
     * their learning-rate schedule, the one step count) in {@link #rounds rounds} of {@code localSteps} steps. With
     * {@code evalEvery > 0} the merged model is scored on {@value TrainingDefaults#EVAL_SAMPLES} held-out indices
     * ({@link Round#heldOutBits()}) after each round that reaches or passes a multiple of {@code evalEvery} steps, and
     * after the last round: {@link TrainingDefaults#evalEvery}'s interval as near as rounds of {@code localSteps} steps allow.
     *
     * @throws IllegalArgumentException when {@code localSteps} does not divide the settings' steps
     */
    public static Result run(JavaSparkContext sc, String corpusDir, TrainSettings settings, int replicas, int localSteps, int evalEvery,
                             Consumer<Round> progress) {
        if (replicas < 1 || localSteps < 1) throw new IllegalArgumentException("replicas and local steps must be positive");
        int rounds = rounds(settings, localSteps);
        ReplicaState state = initial(settings);
        List<Integer> shards = IntStream.range(0, replicas).boxed().toList();
        List<Round> done = new ArrayList<>();
        long start = System.nanoTime();
        double evalSeconds = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            Broadcast<ReplicaState> current = sc.broadcast(state);
            List<ReplicaState> trained = sc.parallelize(shards, replicas)
                    .map(p -> ReplicaRound.train(corpusDir, settings, current.value(), p, replicas, localSteps))
                    .collect();
            long a0 = System.nanoTime();
            state = ReplicaState.average(trained);
            double avg = (System.nanoTime() - a0) / 1e9;
            current.destroy();
            double secs = (System.nanoTime() - t0) / 1e9;
            double maxTrain = trained.stream().mapToDouble(ReplicaState::trainSeconds).max().orElse(0);
            double bits = trained.stream().mapToDouble(ReplicaState::trainBits).average().orElse(Double.NaN);
            double maxTask = trained.stream().mapToDouble(ReplicaState::taskSeconds).max().orElse(0);
            boolean evaluate = evalEvery > 0 && (state.step() / evalEvery > (state.step() - localSteps) / evalEvery || r == rounds - 1);
            long e0 = System.nanoTime();
            double held = evaluate ? bitsPerByte(corpusDir, settings, state, Role.HELD_OUT, TrainingDefaults.EVAL_SAMPLES) : Double.NaN;
            evalSeconds += (System.nanoTime() - e0) / 1e9;
            Round round = new Round(r + 1, state.step(), secs, maxTrain, maxTask, avg, secs - maxTrain, bits, held);
            done.add(round);
            progress.accept(round);
        }
        return new Result(state, done, (System.nanoTime() - start) / 1e9 - evalSeconds);
    }

    /**
     * Rounds of {@code localSteps} steps that make the settings' {@link org.scrollwork.aunn.model.AunnConfig#totalSteps()}.
     *
     * @throws IllegalArgumentException when they do not divide evenly
     */
    public static int rounds(TrainSettings settings, int localSteps) {
        int total = settings.config().totalSteps();
        if (localSteps < 1 || total % localSteps != 0) {
            throw new IllegalArgumentException("the settings' " + total + " steps do not split into rounds of " + localSteps + " local steps");
        }
        return total / localSteps;
    }

    /** Single-process baseline: one model trained the settings' {@code totalSteps} steps on the whole TRAIN set, in this JVM. */
    public static ReplicaState single(String corpusDir, TrainSettings settings) throws Exception {
        int steps = settings.config().totalSteps();
        return TrainingSlot.call(() -> {
            Corpus corpus = ExecutorCache.corpus(corpusDir);
            try (AunnModel model = new AunnModel(settings.config()); AunnTrainer trainer = new AunnTrainer(model)) {
                long t0 = System.nanoTime();
                double last = trainer.train(corpus, new UniformRandom(settings.batchSize(), settings.seed()), steps);
                double secs = (System.nanoTime() - t0) / 1e9;
                return ReplicaState.of(trainer, last, secs, secs);
            }
        });
    }

    /** Bits per byte of {@code state} on up to {@code samples} indices of {@code role}, evenly spread (NaN when the corpus has none). */
    public static double bitsPerByte(String corpusDir, TrainSettings settings, ReplicaState state, Role role, int samples) {
        Corpus corpus = ExecutorCache.corpus(corpusDir);
        long[] probe = TrainingRun.spread(corpus, role, samples);
        if (probe.length == 0) return Double.NaN;
        try (AunnModel model = new AunnModel(settings.config())) {
            model.importParameters(state.params());
            return Evaluator.bitsPerByte(model, corpus, probe, 4096);
        }
    }
}
