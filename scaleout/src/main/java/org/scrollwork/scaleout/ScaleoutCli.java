package org.scrollwork.scaleout;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.snapshot.Snapshot;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.corpus.Box;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.io.Compression;
import org.scrollwork.pipeline.TrainingRun;
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

    @Command(name = "train", mixinStandardHelpOptions = true, description = "Data-parallel training: replicas train on shards for --local-steps, the driver averages weights and AdamW state, repeat --rounds times.")
    static final class Train implements Callable<Integer> {
        @CommandLine.Mixin MasterOption m = new MasterOption();
        @Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--corpus", required = true) Path corpus;
        @Option(names = "--run", required = true, description = "output directory: model.aunn (the merged model) and metrics") Path run;
        @Option(names = "--replicas", defaultValue = "2") int replicas;
        @Option(names = "--local-steps", defaultValue = "50") int localSteps;
        @Option(names = "--rounds", defaultValue = "10") int rounds;
        @Option(names = "--width", defaultValue = "256") int width;
        @Option(names = "--depth", defaultValue = "4") int depth;
        @Option(names = "--batch", defaultValue = "1024") int batch;
        @Option(names = "--lr", defaultValue = "1e-3") double lr;
        @Option(names = "--seed", defaultValue = "1") long seed;

        @Override public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            String dir = corpus.toAbsolutePath().normalize().toString();
            Corpus c = ExecutorCache.corpus(dir);
            int total = rounds * localSteps;
            TrainSettings s = new TrainSettings(c.indexBits(), width, depth, batch, lr, Math.min(100, total / 10), total, 0.01, seed);
            try (JavaSparkContext sc = SparkSetup.start(m.master, "scrollwork train")) {
                DataParallelTraining.Result r = DataParallelTraining.run(sc, dir, s, replicas, localSteps, rounds,
                        round -> out.printf("round %d: step %d, train %.4f bits/byte, %.2f s (merge %.2f s)%n", round.round(), round.step(), round.meanTrainBits(),
                                round.seconds(), round.mergeSeconds()));
                double held = DataParallelTraining.bitsPerByte(dir, s, r.state(), Role.HELD_OUT, 8192);
                java.nio.file.Files.createDirectories(run);
                try (AunnModel model = new AunnModel(s.config()); AunnTrainer trainer = new AunnTrainer(model)) {
                    r.state().applyTo(trainer);
                    Snapshot.save(run.resolve(TrainingRun.SNAPSHOT), trainer, c.fingerprint());
                }
                out.printf("%d replicas x %d rounds x %d local steps x batch %d: %.0f samples/s, merge %.1f s of %.1f s; held-out %.4f bits/byte -> %s%n", replicas, rounds,
                        localSteps, batch, (double) replicas * total * batch / r.seconds(), r.mergeSeconds(), r.seconds(), held, run.resolve(TrainingRun.SNAPSHOT));
            }
            return 0;
        }
    }
}
