package org.scrollwork.experiments.prior;

import java.util.List;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.prior.CharModel;
import org.scrollwork.prior.RestorationEval;
import org.scrollwork.prior.Restorer;

/**
 * Models' bits per letter and restoration of the fixed test samples ({@link Restorer}, beam {@value RestorationSamples#BEAM},
 * right context {@value RestorationSamples#RIGHT}), one row per model; percentages in the table.
 */
final class RestorationTable {
    private final PriorTexts texts;
    private final List<RestorationEval.Lacuna> singles, spans;
    private final ResultTable table;

    RestorationTable(PriorTexts texts, RestorationSamples samples) {
        this.texts = texts;
        this.singles = samples.singleLetters(texts);
        this.spans = samples.spanLacunae(texts);
        this.table = new ResultTable(samples.describe(), List.of("model", "val bits/letter", "test bits/letter", "letter top-1 %", "letter top-10 %",
                "letter top-20 %", "span CER %", "span top-1 %", "span top-20 %", "search errors %", "letters s", "spans s"),
                List.of(0, 3, 3, 1, 1, 1, 1, 1, 1, 1, 0, 0));
    }

    /** Scores {@code m} and adds its row. */
    RestorationTable add(CharModel m) {
        double val = m.bitsPerChar(texts.validation()), test = m.bitsPerChar(texts.test());
        Restorer r = new Restorer(m, RestorationSamples.BEAM, RestorationSamples.RIGHT);
        long t0 = System.nanoTime();
        RestorationEval.TopK k = RestorationEval.singleLetter(r, singles);
        double singleS = (System.nanoTime() - t0) / 1e9;
        RestorationEval.Spans sp = RestorationEval.spans(r, spans);
        double spanS = (System.nanoTime() - t0) / 1e9 - singleS;
        table.row(m.describe(), val, test, 100 * k.top1(), 100 * k.top10(), 100 * k.top20(), 100 * sp.cer(), 100 * sp.top1(), 100 * sp.top20(),
                100 * sp.searchErrors(), singleS, spanS);
        return this;
    }

    ResultTable table() {
        return table;
    }
}
