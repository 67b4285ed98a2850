package org.scrollwork.experiments.prior;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scrollwork.experiments.Experiment;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.ExperimentResult;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.pipeline.Progress;
import org.scrollwork.prior.CharLm;

/**
 * Bits per letter of a saved GRU with its context cut to the last window..2·window letters (blocks of window letters
 * after a warm-up of window), against the whole book as context.
 *
 * <pre>bin/scrollwork experiment prior-context --set model=charlm.swlm --set window=64</pre>
 */
public final class PriorContextExperiment implements Experiment {

    @Override public String name() { return "prior-context"; }

    @Override public String summary() {
        return "language prior: a saved GRU's bits per letter with its context cut to window..2*window letters vs the whole book";
    }

    @Override public ExperimentResult run(ExperimentConfig settings, Path workDir, Progress progress) {
        PriorContextConfig config = PriorContextConfig.from(settings);
        PriorTexts texts = PriorTexts.load(progress);
        int window = config.window();
        try (CharLm lm = CharLm.load(config.model())) {
            ResultTable table = new ResultTable(lm.describe() + ": bits per letter", List.of("books", "full context",
                    "context cut to " + window + "-" + 2 * window + " letters"));
            double testFull = 0, testCut = 0;
            for (String name : List.of("validation", "test")) {
                List<String> set = name.equals("validation") ? texts.validation() : texts.test();
                double ln = 0;
                long n = 0;
                for (String t : set) {
                    for (int from = 0; from < t.length(); from += window) {
                        int warm = Math.max(0, from - window), to = Math.min(t.length(), from + window);
                        for (double x : lm.suffixLetterLogProbs(t.substring(warm, from), List.of(t.substring(from, to)))[0]) ln += x;
                    }
                    n += t.length();
                }
                double full = lm.bitsPerChar(set), cut = -ln / Math.log(2) / n;
                table.row(name, full, cut);
                testFull = full;
                testCut = cut;
            }
            String headline = String.format(Locale.ROOT, "%s on the test books: %.3f bits per letter with the whole book as context, %.3f with %d-%d letters.",
                    lm.describe(), testFull, testCut, window, 2 * window);
            return new ExperimentResult(headline, List.of(table), Map.of(), Map.of());
        }
    }
}
