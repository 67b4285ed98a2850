package org.scrollwork.scaleout.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.corpus.Corpus;
import org.scrollwork.corpus.CorpusOptions;
import org.scrollwork.corpus.CorpusRecord;
import org.scrollwork.corpus.RecordMeta;
import org.scrollwork.prior.GreekCorpus;
import org.scrollwork.scaleout.DataParallelTraining;
import org.scrollwork.scaleout.ReplicaState;
import org.scrollwork.scaleout.SparkSetup;
import org.scrollwork.scaleout.TrainSettings;

/**
 * Data-parallel training throughput and quality:
 * {@code JAVA_OPTS=-Xmx2g bin/bench scaleout org.scrollwork.scaleout.bench.ScaleoutBenchmark [LETTERS WIDTH DEPTH BATCH LOCAL_STEPS ROUNDS]}.
 *
 * <p>Builds a text corpus of the first LETTERS letters of the SBLGNT (papyrus form, last 10 % held out; a
 * synthetic text when the SBLGNT is not cached), then trains with equal total samples
 * (2 replicas x ROUNDS x LOCAL_STEPS x BATCH): single-process in this JVM (one model, 2 x ROUNDS x LOCAL_STEPS
 * steps), and data-parallel with 2 replicas on {@code local[2]} (task threads of this JVM, which take turns on
 * the training slot), {@code local-cluster[1,1,MB]} (one executor JVM running both replicas in turn) and
 * {@code local-cluster[2,1,MB]} (two executor JVMs, one replica each). Prints samples/s, the merge overhead
 * (round wall time minus the slowest replica's training time, summed) and held-out bits per byte.
 */
public final class ScaleoutBenchmark {
    public static void main(String[] args) throws Exception {
        int letters = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int depth = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
        int k = args.length > 4 ? Integer.parseInt(args[4]) : 25;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 6;
        int replicas = 2;
        int executorMb = 1536;

        Path tmp = Files.createTempDirectory("scaleout-bench");
        Path corpusDir = tmp.resolve("corpus");
        String source = buildCorpus(corpusDir, letters);
        String corpus = corpusDir.toString();
        int bits;
        long train, held;
        try (Corpus c = Corpus.open(corpusDir)) {
            bits = c.indexBits();
            train = c.count(Role.TRAIN);
            held = c.count(Role.HELD_OUT);
        }
        int total = rounds * k;
        TrainSettings dp = TrainSettings.bits(bits, width, depth, batch, 2e-3, Math.max(1, total / 10), total, 0.01, 1);
        TrainSettings single = dp.withTotalSteps(replicas * total, Math.max(1, replicas * total / 10));
        long samples = (long) replicas * total * batch;
        System.out.printf(Locale.ROOT, "corpus: %s, %d TRAIN / %d HELD_OUT bytes; model %dx%d, batch %d; %d samples per run (2 replicas x %d rounds x %d local steps)%n",
                source, train, held, width, depth, batch, samples, rounds, k);

        List<String[]> rows = new ArrayList<>();
        DataParallelTraining.single(corpus, single.withTotalSteps(1, 0)); // warm-up: DJL's engine loads
        long t0 = System.nanoTime();
        ReplicaState s = DataParallelTraining.single(corpus, single);
        double secs = (System.nanoTime() - t0) / 1e9;
        double base = samples / secs;
        rows.add(row("single process (this JVM)", "-", secs, samples / secs, base, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                DataParallelTraining.bitsPerByte(corpus, single, s, Role.HELD_OUT, 8192)));

        for (String master : new String[] {"local[2]", "local-cluster[1,1," + executorMb + "]", "local-cluster[2,1," + executorMb + "]"}) {
            long c0 = System.nanoTime();
            try (JavaSparkContext sc = SparkSetup.start(master, "scaleout-bench")) {
                DataParallelTraining.run(sc, corpus, dp.withTotalSteps(1, 0), replicas, 1, r -> { }); // warm-up: executors load DJL and the corpus
                double startup = (System.nanoTime() - c0) / 1e9;
                DataParallelTraining.Result r = DataParallelTraining.run(sc, corpus, dp, replicas, k, x -> { });
                double bpb = DataParallelTraining.bitsPerByte(corpus, dp, r.state(), Role.HELD_OUT, 8192);
                rows.add(row("data-parallel, " + master, String.format(Locale.ROOT, "%.1f", startup), r.seconds(), samples / r.seconds(), base,
                        r.mergeSeconds(), r.mergeSeconds() / r.seconds(), r.replicaSetupSeconds(), r.averageSeconds(), bpb));
            }
        }
        System.out.printf(Locale.ROOT, "%-40s %7s %7s %9s %9s %7s %7s %8s %8s %9s%n", "run", "start s", "wall s", "samples/s", "vs single", "merge s", "merge %",
                "setup s", "avg s", "held bpb");
        for (String[] r : rows) System.out.printf(Locale.ROOT, "%-40s %7s %7s %9s %9s %7s %7s %8s %8s %9s%n", (Object[]) r);
        System.out.println("merge = round wall time - slowest replica's training steps, summed over rounds; setup = its part spent building replicas from"
                + " the broadcast state and exporting them (inside tasks); avg = the driver's averaging. local[2] replicas take turns on the JVM's training slot,"
                + " so there the second replica's whole training counts as merge.");
    }

    private static String[] row(String name, String startup, double secs, double rate, double base, double merge, double mergeFrac, double setup,
                                double avg, double bpb) {
        return new String[] {name, startup, String.format(Locale.ROOT, "%.1f", secs), String.format(Locale.ROOT, "%.0f", rate),
                String.format(Locale.ROOT, "%.2fx", rate / base), Double.isNaN(merge) ? "-" : String.format(Locale.ROOT, "%.2f", merge),
                Double.isNaN(mergeFrac) ? "-" : String.format(Locale.ROOT, "%.1f", 100 * mergeFrac), Double.isNaN(setup) ? "-" : String.format(Locale.ROOT, "%.2f", setup),
                Double.isNaN(avg) ? "-" : String.format(Locale.ROOT, "%.3f", avg), String.format(Locale.ROOT, "%.4f", bpb)};
    }

    /** The first {@code letters} letters of the SBLGNT (or a synthetic text), last 10 % of its bytes held out. */
    private static String buildCorpus(Path dir, int letters) {
        String text;
        String what;
        try {
            StringBuilder sb = new StringBuilder();
            for (GreekCorpus.Book b : GreekCorpus.sblgnt().books()) {
                if (sb.length() >= letters) break;
                sb.append(b.letters());
            }
            text = sb.substring(0, Math.min(letters, sb.length()));
            what = "SBLGNT, first " + text.length() + " letters";
        } catch (RuntimeException e) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < letters; i++) sb.append((char) ('a' + (i * 7 + i / 7 + (i * i) % 13) % 26));
            text = sb.toString();
            what = "synthetic text of " + letters + " letters (SBLGNT not available: " + e.getMessage() + ")";
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        try (Corpus c = Corpus.create(dir, new CorpusOptions(CorpusOptions.DEFAULT_INDEX_BITS))) {
            CorpusRecord r = c.appendText(utf8, RecordMeta.of("text"), java.util.OptionalInt.empty());
            c.mask(r.id(), utf8.length - utf8.length / 10, utf8.length, Role.HELD_OUT);
        }
        return what;
    }
}
