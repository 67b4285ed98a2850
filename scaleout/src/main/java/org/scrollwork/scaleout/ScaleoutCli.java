package org.scrollwork.scaleout;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.model.BodySpec;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.io.Compression;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.TrainingRun;
import org.scrollwork.workflows.cli.ConsoleProgress;
import org.scrollwork.workflows.cli.EmbeddingOptions;
import org.scrollwork.workflows.cli.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scrollwork spark finetune|render|train}: the scale-out jobs on Apache Spark ({@code bin/spark-scrollwork},
 * or {@code spark-submit --class org.scrollwork.scaleout.ScaleoutCli scrollwork-spark.jar ...} on a cluster).
 */
@Command(name = "scrollwork spark", mixinStandardHelpOptions = true, subcommands = {ScaleoutCli.Finetune.class, ScaleoutCli.Render.class, ScaleoutCli.Train.class},
        description = "Scale-out on Apache Spark: per-scroll finetune jobs, chunk-parallel rendering, data-parallel training.")
public final class ScaleoutCli implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ScaleoutCli());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            Throwable root = ex;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            cmd.getErr().println("scrollwork spark: " + (root.getMessage() != null ? root.getMessage() : root.toString()));
            return 1;
        });
        return cl;
    }

    /** Options every subcommand takes. */
    static class MasterOption {
        @Option(names = "--master", description = "Spark master: local[*] (default, or spark.master under spark-submit), local[N], local-cluster[N,CORES,MB], spark://HOST:PORT, yarn, ...")
        String master;
    }

    @Command(name = "finetune", mixinStandardHelpOptions = true, description = "Run per-scroll finetune jobs (YAML specs, as `scrollwork finetune`), one Spark task each.")
    static final class Finetune implements Callable<Integer> {
        @CommandLine.Mixin MasterOption m = new MasterOption();
        @Spec CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "JOB.yaml") List<Path> specs;

        @Override public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (JavaSparkContext sc = SparkSetup.start(m.master, "scrollwork finetune")) {
                for (SparkFinetune.Outcome o : SparkFinetune.run(sc, specs, TaskFault.NONE)) {
                    out.printf("%s: step %d, train %.4f bits/byte, held-out %.4f bits/byte (%s)%s -> %s%n", o.spec(), o.step(), o.trainBits(), o.heldOutBits(),
                            o.stopReason(), o.attempt() > 0 ? ", finished by attempt " + (o.attempt() + 1) : "", o.output());
                }
            }
            return 0;
        }
    }

    @Command(name = "render", mixinStandardHelpOptions = true, description = "Render a volume record (or a box of it) into an OME-Zarr store, one chunk per Spark element.")
    static final class Render implements Callable<Integer> {
        @CommandLine.Mixin MasterOption m = new MasterOption();
        @Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--corpus", required = true) Path corpus;
        @Option(names = "--model", required = true, description = "snapshot file or run directory") Path model;
        @Option(names = "--record", required = true) int record;
        @Option(names = "--box", split = ",", paramLabel = "x0,y0,z0,x1,y1,z1") long[] box;
        @Option(names = "--chunk", split = ",", paramLabel = "X,Y,Z", defaultValue = "128,128,128") int[] chunk;
        @Option(names = "--compression", defaultValue = "blosc-lz4", description = "none, deflate, gzip, zstd, blosc-lz4, blosc-zstd (default ${DEFAULT-VALUE})") String compression;
        @Option(names = "--partitions", defaultValue = "0", description = "Spark partitions (default: the context's parallelism)") int partitions;
        @Parameters(index = "0", paramLabel = "OUT.ome.zarr") Path out;

        @Override public Integer call() {
            try (JavaSparkContext sc = SparkSetup.start(m.master, "scrollwork render")) {
                SparkRender.Summary s = SparkRender.run(sc, corpus, model, record, box == null ? null : Box.of(box), chunk, Compression.parse(compression), out, partitions);
                spec.commandLine().getOut().printf("rendered record %d box %s: %d chunks in %d partitions, %.1f s -> %s%n", record, s.box(), s.chunks(), s.partitions(),
                        s.seconds(), s.store());
            }
            return 0;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = {"Data-parallel training: replicas train on shards for --local-steps, the driver averages weights and AdamW state, repeat --rounds times.",
            "The model, batch, steps, learning rate and evaluation interval default to `scrollwork train`'s (TrainingDefaults)."})
    static final class Train implements Callable<Integer> {
        @CommandLine.Mixin MasterOption m = new MasterOption();
        @Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--corpus", required = true) Path corpus;
        @Option(names = "--run", required = true, description = "output directory: model.aunn (the merged model) and metrics") Path run;
        @Option(names = "--replicas", defaultValue = "2", description = "model replicas, one Spark task each per round (default ${DEFAULT-VALUE})") int replicas;
        @Option(names = "--steps", defaultValue = "" + TrainingDefaults.STEPS,
                description = "steps of each replica over the run, the learning-rate schedule's length (default ${DEFAULT-VALUE})") int steps;
        @Option(names = "--rounds", defaultValue = "10", description = "train-and-average rounds (default ${DEFAULT-VALUE})") int rounds;
        @Option(names = "--local-steps", defaultValue = "0", description = "steps of each replica per round (default: --steps / --rounds; "
                + "given alone, the run takes --rounds × --local-steps steps)") int localSteps;
        @Option(names = "--width", defaultValue = "" + TrainingDefaults.WIDTH, description = "MLP width (default ${DEFAULT-VALUE})") int width;
        @Option(names = "--depth", defaultValue = "" + TrainingDefaults.DEPTH, description = "residual blocks (default ${DEFAULT-VALUE})") int depth;
        @Option(names = "--batch", defaultValue = "" + TrainingDefaults.BATCH, description = "batch size of each replica (default ${DEFAULT-VALUE})") int batch;
        @Option(names = "--lr", defaultValue = "" + TrainingDefaults.LR, description = "peak learning rate (default ${DEFAULT-VALUE})") double lr;
        @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})") long seed;
        @Option(names = "--eval-every", defaultValue = "0", description = "steps between held-out evaluations of the merged model, at the end of "
                + "the round that reaches them (default: a twentieth of the steps)") int evalEvery;
        @CommandLine.Mixin EmbeddingOptions embedding;

        /** Steps per round: {@code --local-steps}, or {@code --steps} split into {@code --rounds}. */
        int localSteps() {
            boolean stepsGiven = spec.commandLine().getParseResult().hasMatchedOption("--steps");
            if (rounds < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--rounds must be positive");
            if (localSteps > 0) {
                if (stepsGiven && (long) localSteps * rounds != steps) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--steps " + steps + " is not --rounds " + rounds + " × --local-steps " + localSteps
                            + " (give two of them)");
                }
                return localSteps;
            }
            if (steps < rounds || steps % rounds != 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--steps " + steps + " does not split into --rounds " + rounds + " rounds of equal steps");
            }
            return steps / rounds;
        }

        /**
         * The model of a run of {@code total} steps per replica: as {@code scrollwork train}'s ({@link TrainCommand#config},
         * {@link TrainingRun}), {@link TrainingDefaults}' model bound to the corpus's index bits and layout.
         */
        AunnConfig config(IndexedByteSource source, int total) {
            return TrainCommand.config(width, depth, batch, lr, total, seed, BodySpec.mlp(), embedding.encoding())
                    .withIndexBits(source.indexBits()).withLayout(source.layout());
        }

        /** Steps between evaluations: {@code --eval-every}, or {@link TrainingDefaults#evalEvery}. */
        int evalEvery(int total) { return TrainingDefaults.evalEvery(total, evalEvery); }

        @Override public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            String dir = corpus.toAbsolutePath().normalize().toString();
            Corpus c = ExecutorCache.corpus(dir);
            int local = localSteps();
            int total = rounds * local;
            TrainSettings s = TrainSettings.of(config(c, total));
            int every = evalEvery(total);
            try (JavaSparkContext sc = SparkSetup.start(m.master, "scrollwork train")) {
                Progress progress = new ConsoleProgress(out); // a line per round, a bar over the rounds on stderr
                DataParallelTraining.Result r;
                try (Progress.Task task = progress.start("spark train", rounds)) {
                    r = DataParallelTraining.run(sc, dir, s, replicas, local, every, round -> {
                        progress.log(String.format("round %d: step %d, train %.4f bits/byte%s, %.2f s (merge %.2f s)", round.round(), round.step(),
                                round.meanTrainBits(), Double.isNaN(round.heldOutBits()) ? "" : String.format(", held-out %.4f", round.heldOutBits()),
                                round.seconds(), round.mergeSeconds()));
                        task.advance(round.round(), rounds, String.format(" train %.2f b/B", round.meanTrainBits()));
                    });
                }
                double held = r.rounds().get(r.rounds().size() - 1).heldOutBits();
                java.nio.file.Files.createDirectories(run);
                try (AunnModel model = new AunnModel(s.config()); AunnTrainer trainer = new AunnTrainer(model)) {
                    r.state().applyTo(trainer);
                    Snapshot.save(run.resolve(TrainingRun.SNAPSHOT), trainer, c.fingerprint());
                }
                out.printf("%d replicas x %d rounds x %d local steps x batch %d: %.0f samples/s, merge %.1f s of %.1f s; held-out %.4f bits/byte -> %s%n", replicas, rounds,
                        local, batch, (double) replicas * total * batch / r.seconds(), r.mergeSeconds(), r.seconds(), held, run.resolve(TrainingRun.SNAPSHOT));
            }
            return 0;
        }
    }
}
