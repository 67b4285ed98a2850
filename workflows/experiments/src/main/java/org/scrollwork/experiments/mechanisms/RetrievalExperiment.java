package org.scrollwork.experiments.mechanisms;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.scrollwork.aunn.data.InMemoryByteSource;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.aunn.eval.Evaluator;
import org.scrollwork.aunn.model.AunnConfig;
import org.scrollwork.aunn.model.AunnModel;
import org.scrollwork.aunn.train.AunnTrainer;
import org.scrollwork.aunn.train.UniformRandom;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.pipeline.report.Plots;

/**
 * Retrieval by predicted ids, with replay. The list holds (document id, document) records: document
 * {@code d} is block {@code d} of {@value #BLOCK} bytes, a title of random letters at offset 0 and a body of
 * {@value #BODY} random letters at offset 768. After them come training transcripts of retrieval: block
 * with a document's title (the prompt) at 0, the retrieved body in a context slot at 512 and the answer (the
 * same body) at 768. Test queries, one block each, ask about old documents: their prompt (title) and answer
 * are held out, their context slot empty.
 *
 * <p>Per test query the model (a fresh copy each time) first learns the prompt; it is then asked for the
 * id: the document whose title it finds most likely at that document's title indices (its memory of the
 * records, used as a classifier); that document's range is fetched from the list and replayed (learned
 * again) before the answer is scored. Replay goes either back into the document's own range (refreshing
 * the memory) or into the query's context slot (as the transcripts show). Baselines: no replay; the true
 * id (oracle); a wrong document. Bodies are uniform random letters, so 4.585 bits/byte (log2 24) is what
 * a model without memory of the document can do at best.
 */
public final class RetrievalExperiment implements Experiment {
    static final int BLOCK = 1024, TITLE = 8, CONTEXT = 512, ANSWER = 768, BODY = 256;

    @Override public String name() { return "retrieval"; }

    @Override public String summary() {
        return "retrieval by predicted ids: replay the fetched document before answering vs no replay (bits/byte on the answer)";
    }

    @Override public ExperimentResult run(ExperimentConfig config, Path workDir, Progress progress) {
        int docs = config.intValue("documents", 32);
        int transcripts = config.intValue("transcripts", 32);
        int queries = config.intValue("queries", 8);
        int width = config.intValue("width", 128);
        int depth = config.intValue("depth", 3);
        int batch = config.intValue("batch", 256);
        int steps = config.intValue("steps", 2000);
        double lr = config.doubleValue("lr", 2e-3);
        int promptSteps = config.intValue("promptSteps", 10);
        int replaySteps = config.intValue("replaySteps", 30);
        double conditionLr = config.doubleValue("conditionLr", 1e-3);
        long seed = config.longValue("seed", 1);
        if (queries > docs / 2 || docs - queries < 1) throw new org.scrollwork.experiments.ExperimentConfigException(config.source() + ": need queries <= documents / 2");

        Random rnd = new Random(seed);
        byte[][] title = new byte[docs][TITLE], body = new byte[docs][BODY];
        for (int d = 0; d < docs; d++) {
            for (int i = 0; i < TITLE; i++) title[d][i] = (byte) ('A' + rnd.nextInt(24));
            for (int i = 0; i < BODY; i++) body[d][i] = (byte) ('A' + rnd.nextInt(24));
        }
        int records = docs + transcripts + queries;
        byte[] bytes = new byte[records * BLOCK];
        Role[] roles = new Role[bytes.length];
        for (int d = 0; d < docs; d++) put(bytes, roles, d, 0, title[d], Role.TRAIN);
        for (int d = 0; d < docs; d++) put(bytes, roles, d, ANSWER, body[d], Role.TRAIN);
        for (int t = 0; t < transcripts; t++) { // transcripts about documents not asked later (queries ask about docs 0..queries-1)
            int d = queries + t % (docs - queries);
            int b = docs + t;
            put(bytes, roles, b, 0, title[d], Role.TRAIN);
            put(bytes, roles, b, CONTEXT, body[d], Role.TRAIN);
            put(bytes, roles, b, ANSWER, body[d], Role.TRAIN);
        }
        for (int q = 0; q < queries; q++) {
            int b = docs + transcripts + q;
            put(bytes, roles, b, 0, title[q], Role.HELD_OUT);
            put(bytes, roles, b, ANSWER, body[q], Role.HELD_OUT);
        }
        InMemoryByteSource src = new InMemoryByteSource(LocalRuleExperiment.bitsFor(bytes.length), 0, bytes, roles);
        AunnConfig c = AunnConfig.defaults().withIndexBits(src.indexBits()).withShape(width, depth).withBatchSize(batch)
                .withOptim(lr, Math.min(50, steps / 10), steps, 0.0).withSeed(seed);

        String[] variants = {"no replay", "replay predicted id's range in place", "replay predicted id's document into the context slot",
            "replay true id's document into the context slot (oracle)", "replay a wrong document into the context slot (control)"};
        double[] sum = new double[variants.length];
        double[][] perQuery = new double[variants.length][queries];
        int correct = 0;
        double trainBits, docBits;
        try (AunnModel base = new AunnModel(c)) {
            progress.log("training on " + docs + " documents and " + transcripts + " retrieval transcripts");
            try (AunnTrainer t = new AunnTrainer(base); Progress.Task task = progress.start("training on " + docs + " documents and " + transcripts + " retrieval transcripts", steps)) {
                for (int done = 0; done < steps; done += Math.min(100, steps - done)) {
                    t.train(src, new UniformRandom(batch, seed), Math.min(100, steps - done));
                    task.advance(done, steps);
                }
            }
            trainBits = Evaluator.bitsPerByte(base, src, OnlineLearningExperiment.spread(src, Role.TRAIN, 8192), 4096);
            long[] oldBodies = new long[queries * BODY];
            for (int q = 0; q < queries; q++) for (int i = 0; i < BODY; i++) oldBodies[q * BODY + i] = (long) q * BLOCK + ANSWER + i;
            docBits = Evaluator.bitsPerByte(base, src, oldBodies, 4096);
            for (int q = 0; q < queries; q++) {
                progress.log("query " + (q + 1) + " of " + queries);
                int block = docs + transcripts + q;
                int predicted = predictId(base, title[q], docs);
                if (predicted == q) correct++;
                int wrong = (q + 1 + rnd.nextInt(docs - 1)) % docs;
                for (int v = 0; v < variants.length; v++) {
                    try (AunnModel m = base.copy(); AunnTrainer t = new AunnTrainer(m)) {
                        learn(t, range(block, 0, TITLE), title[q], promptSteps, conditionLr);
                        switch (v) {
                            case 1 -> learn(t, concat(range(predicted, 0, TITLE), range(predicted, ANSWER, BODY)), concat(title[predicted], body[predicted]), replaySteps, conditionLr);
                            case 2 -> learn(t, range(block, CONTEXT, BODY), body[predicted], replaySteps, conditionLr);
                            case 3 -> learn(t, range(block, CONTEXT, BODY), body[q], replaySteps, conditionLr);
                            case 4 -> learn(t, range(block, CONTEXT, BODY), body[wrong], replaySteps, conditionLr);
                            default -> { }
                        }
                        double bits = Evaluator.bitsPerByte(m, src, range(block, ANSWER, BODY), 4096);
                        perQuery[v][q] = bits;
                        sum[v] += bits / queries;
                    }
                }
            }
        }
        ResultTable table = new ResultTable("Retrieval with replay: bits/byte on the answers of " + queries + " queries about old documents ("
                + docs + " documents, " + transcripts + " transcripts; id predicted right for " + correct + "/" + queries + ")",
                List.of("before answering", "answer bits/byte", "replay steps"));
        for (int v = 0; v < variants.length; v++) table.row(variants[v], sum[v], v == 0 ? 0 : replaySteps);
        ResultTable ref = new ResultTable("Reference points (bits/byte)", List.of("what", "bits/byte"));
        ref.row("uniform over the 24 letters (no memory of the document)", Math.log(24) / Math.log(2));
        ref.row("the model on the old documents' own bodies (its memory)", docBits);
        ref.row("the model on its training bytes", trainBits);
        Map<String, Object> numbers = new LinkedHashMap<>();
        for (int v = 0; v < variants.length; v++) numbers.put("variant" + v, sum[v]);
        numbers.put("idCorrect", correct);
        double bestReplay = Math.min(sum[1], sum[2]);
        String headline = String.format(Locale.ROOT, "Answer bits/byte (uniform letters: 4.585): no replay %.3f; replaying the predicted id's document in place %.3f, into the context slot %.3f "
                        + "(oracle id %.3f, wrong document %.3f); ids predicted right %d/%d. Replay %s.", sum[0], sum[1], sum[2], sum[3], sum[4], correct, queries,
                bestReplay < sum[0] - 0.05 ? "helps" : "does not help (within 0.05 bits/byte or worse)");
        double[] xs = new double[queries];
        for (int q = 0; q < queries; q++) xs[q] = q + 1;
        List<Plots.Series> series = new ArrayList<>();
        for (int v : new int[] {0, 1, 2, 3}) series.add(new Plots.Series(v == 0 ? "no replay" : v == 1 ? "replay in place" : v == 2 ? "replay into context" : "oracle into context", xs, perQuery[v]));
        Map<String, java.awt.image.BufferedImage> plots = new LinkedHashMap<>();
        plots.put("answers", Plots.linePlot("answer bits per byte per query", "query", "bits/byte", series));
        return new ExperimentResult(headline, List.of(table, ref), plots, numbers);
    }

    /** The document whose title the model finds most likely at that document's own title indices. */
    static int predictId(AunnModel m, byte[] title, int docs) {
        int best = -1;
        double bestBits = Double.POSITIVE_INFINITY;
        int[] want = new int[TITLE];
        for (int i = 0; i < TITLE; i++) want[i] = title[i] & 0xFF;
        for (int d = 0; d < docs; d++) {
            double[][] p = org.scrollwork.aunn.eval.Predictor.distributions(m, range(d, 0, TITLE), 4096);
            double bits = 0;
            for (int i = 0; i < TITLE; i++) bits -= Math.log(Math.max(p[i][want[i]], 1e-300));
            if (bits < bestBits) {
                bestBits = bits;
                best = d;
            }
        }
        return best;
    }

    private static void learn(AunnTrainer t, long[] idx, byte[] data, int steps, double lr) {
        int[] b = new int[data.length];
        for (int i = 0; i < b.length; i++) b[i] = data[i] & 0xFF;
        for (int s = 0; s < steps; s++) t.step(idx, b, lr);
    }

    private static void put(byte[] bytes, Role[] roles, int block, int offset, byte[] data, Role role) {
        System.arraycopy(data, 0, bytes, block * BLOCK + offset, data.length);
        Arrays.fill(roles, block * BLOCK + offset, block * BLOCK + offset + data.length, role);
    }

    static long[] range(int block, int offset, int n) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) r[i] = (long) block * BLOCK + offset + i;
        return r;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
