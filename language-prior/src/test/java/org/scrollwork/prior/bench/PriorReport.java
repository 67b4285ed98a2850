package org.scrollwork.prior.bench;

import java.nio.file.Path;
import java.util.List;
import org.scrollwork.prior.CharLm;
import org.scrollwork.prior.CharLmConfig;
import org.scrollwork.prior.CharLmTraining;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.GreekCorpus;
import org.scrollwork.prior.InterpolatedModel;
import org.scrollwork.prior.NgramModel;
import org.scrollwork.prior.RestorationEval;
import org.scrollwork.prior.Restorer;

/**
 * Trains and evaluates the language priors on the SBLGNT split and prints markdown tables: bits per letter of the
 * n-gram orders, then, for the best n-gram (by validation) and the GRU, bits/char, single-letter top-1/10/20 and span
 * CER on a seeded sample of test lacunae, and training time; then the same for the GRU interpolated with the n-gram
 * (weight chosen on validation). The GRU is trained with early stopping on validation and saved to
 * language-prior/target/prior-report/charlm.swlm; passing such a file instead of STEPS evaluates it without training.
 *
 * <pre>
 * mvn -q -pl language-prior -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.scrollwork.prior.bench.PriorReport [-Dexec.args="STEPS HIDDEN LAYERS DROPOUT" | -Dexec.args=FILE.swlm]
 * </pre>
 * Fetches the corpus on first use (apt-get download bibledit-data). Uses one PyTorch thread unless
 * ai.djl.pytorch.num_threads is set.
 */
public final class PriorReport {

    static final int SINGLES = 500, SPANS = 300, CONTEXT = 40, BEAM = 32, RIGHT = 20;

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        int hidden = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int layers = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        float dropout = args.length > 3 ? Float.parseFloat(args[3]) : 0.4f;
        GreekCorpus corpus = GreekCorpus.sblgnt();
        GreekCorpus.Split s = corpus.split();
        List<String> train = texts(s.train()), val = texts(s.validation()), test = texts(s.test());
        System.out.printf("Corpus: %d letters; train %d (books 40-59), validation %d (60-61), test %d (62-66)%n%n",
                corpus.letters(), s.trainLetters(), s.validationLetters(), s.testLetters());

        System.out.println("| n-gram order | val bits/char | test bits/char | train time |");
        System.out.println("|---|---|---|---|");
        NgramModel best = null;
        double bestVal = Double.MAX_VALUE, bestTrainS = 0;
        for (int n = 1; n <= 8; n++) {
            long t0 = System.nanoTime();
            NgramModel m = NgramModel.train(train, n);
            double secs = (System.nanoTime() - t0) / 1e9;
            double v = m.bitsPerChar(val);
            System.out.printf("| %d | %.3f | %.3f | %.1f s |%n", n, v, m.bitsPerChar(test), secs);
            if (v < bestVal) { bestVal = v; best = m; bestTrainS = secs; }
        }
        System.out.println();

        List<RestorationEval.Lacuna> singles = RestorationEval.sample(test, SINGLES, 1, 1, CONTEXT, 20261123L);
        List<RestorationEval.Lacuna> spans = RestorationEval.sample(test, SPANS, 1, 10, CONTEXT, 20261124L);
        StringBuilder table = new StringBuilder();
        table.append("| model | train time | val bits/char | test bits/char | top-1 | top-10 | top-20 | span CER |\n");
        table.append("|---|---|---|---|---|---|---|---|\n");
        table.append(row(best, bestTrainS, val, test, singles, spans));
        System.out.print(table);

        if (args.length > 0 && args[0].endsWith(".swlm")) {
            try (CharLm lm = CharLm.load(Path.of(args[0]))) {
                System.out.println("GRU loaded from " + args[0] + " (not trained in this run)");
                gruRows(lm, -1, best, val, test, singles, spans, table);
            }
        } else {
            int steps = Integer.parseInt(args.length > 0 ? args[0] : "1500");
            if (steps == 0) return;
            CharLmTraining tc = new CharLmTraining(steps, 32, 128, 0.004f, 1);
            long t0 = System.nanoTime();
            try (CharLm lm = CharLm.train(train, val, CharLmConfig.of(hidden, layers, dropout), tc, System.out::println)) {
                double secs = (System.nanoTime() - t0) / 1e9;
                lm.save(Path.of("language-prior", "target", "prior-report", "charlm.swlm"));
                gruRows(lm, secs, best, val, test, singles, spans, table);
            }
        }
        System.out.println();
        System.out.print(table);
        System.out.printf("%nRestoration: %d single letters and %d spans (length 1-10) from the test books, %d letters of "
                + "context each side, beam %d, right context %d; CER = edit distance / letters.%n", SINGLES, SPANS, CONTEXT, BEAM, RIGHT);
    }

    private static void gruRows(CharLm lm, double secs, NgramModel ngram, List<String> val, List<String> test,
                                List<RestorationEval.Lacuna> singles, List<RestorationEval.Lacuna> spans, StringBuilder table) {
        table.append(row(lm, secs, val, test, singles, spans));
        double w = InterpolatedModel.tuneWeight(lm, ngram, val);
        table.append(row(new InterpolatedModel(lm, ngram, w), secs, val, test, singles, spans));
    }

    private static String row(CharModel m, double trainS, List<String> val, List<String> test,
                              List<RestorationEval.Lacuna> singles, List<RestorationEval.Lacuna> spans) {
        Restorer r = new Restorer(m, BEAM, RIGHT);
        long t0 = System.nanoTime();
        RestorationEval.TopK k = RestorationEval.singleLetter(r, singles);
        double cer = RestorationEval.characterErrorRate(r, spans);
        double restoreS = (System.nanoTime() - t0) / 1e9;
        String train = trainS < 0 ? "(loaded)" : String.format("%.0f s", trainS);
        return String.format("| %s | %s | %.3f | %.3f | %.1f%% | %.1f%% | %.1f%% | %.1f%% |%n",
                m.describe() + " (restoration " + Math.round(restoreS) + " s)", train,
                m.bitsPerChar(val), m.bitsPerChar(test), 100 * k.top1(), 100 * k.top10(), 100 * k.top20(), 100 * cer);
    }

    private static List<String> texts(List<GreekCorpus.Book> books) {
        return books.stream().map(GreekCorpus.Book::letters).toList();
    }
}
