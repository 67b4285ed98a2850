package org.scrollwork.experiments.prior;

import java.util.List;
import org.scrollwork.experiments.ResultTable;
import org.scrollwork.prior.NgramModel;

/** Modified Kneser-Ney n-grams of orders 1–8 counted on the train books, scored on validation and test. */
final class NgramOrders {
    private NgramOrders() {}

    /** The table of orders and the order best by validation bits. */
    record Scored(ResultTable table, NgramModel best) {}

    /** Every order with its validation and test bits and training time, and the best by validation. */
    static Scored score(PriorTexts texts) {
        ResultTable table = new ResultTable("Modified Kneser-Ney n-grams on the train books (40-59)",
                List.of("n-gram order", "val bits/letter", "test bits/letter", "train time s"), List.of(0, 3, 3, 1));
        NgramModel best = null;
        double bestVal = Double.MAX_VALUE;
        for (int n = 1; n <= 8; n++) {
            long t0 = System.nanoTime();
            NgramModel m = NgramModel.train(texts.train(), n);
            double secs = (System.nanoTime() - t0) / 1e9;
            double v = m.bitsPerChar(texts.validation());
            table.row(n, v, m.bitsPerChar(texts.test()), secs);
            if (v < bestVal) { bestVal = v; best = m; }
        }
        return new Scored(table, best);
    }

    /** The order best by validation bits, without the table's test scores. */
    static NgramModel best(PriorTexts texts) {
        NgramModel best = null;
        double bestVal = Double.MAX_VALUE;
        for (int n = 1; n <= 8; n++) {
            NgramModel m = NgramModel.train(texts.train(), n);
            double v = m.bitsPerChar(texts.validation());
            if (v < bestVal) { bestVal = v; best = m; }
        }
        return best;
    }
}
