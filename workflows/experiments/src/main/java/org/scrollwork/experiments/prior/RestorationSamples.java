package org.scrollwork.experiments.prior;

import java.util.List;
import org.scrollwork.experiments.ExperimentConfig;
import org.scrollwork.experiments.InvalidSetting;
import org.scrollwork.prior.RestorationEval;

/**
 * How many of the fixed restoration samples of the test books a prior experiment scores: the first {@code singles} of
 * {@value #SINGLES} one-letter lacunae and the first {@code spans} of {@value #SPANS} spans of 1–10 letters (length
 * uniform), drawn with fixed seeds, {@value #CONTEXT} letters of context on each side. Fewer bound the time on a busy machine.
 */
public record RestorationSamples(int singles, int spans) {
    static final int SINGLES = 500, SPANS = 200, CONTEXT = 40, BEAM = 32, RIGHT = 20, CACHE_TUNING = 100;
    private static final long SINGLES_SEED = 20261123L, SPANS_SEED = 20261124L, TUNING_SEED = 20261125L;

    public RestorationSamples {
        if (singles < 1 || singles > SINGLES) throw new InvalidSetting("singles", "between 1 and " + SINGLES, singles);
        if (spans < 1 || spans > SPANS) throw new InvalidSetting("spans", "between 1 and " + SPANS, spans);
    }

    /** The {@code singles} and {@code spans} settings (defaults: every sample). */
    static RestorationSamples from(ExperimentConfig c) {
        return new RestorationSamples(c.intValue("singles", SINGLES), c.intValue("spans", SPANS));
    }

    List<RestorationEval.Lacuna> singleLetters(PriorTexts texts) {
        return RestorationEval.sample(texts.test(), SINGLES, 1, 1, CONTEXT, SINGLES_SEED).subList(0, singles);
    }

    List<RestorationEval.Lacuna> spanLacunae(PriorTexts texts) {
        return RestorationEval.sample(texts.test(), SPANS, 1, 10, CONTEXT, SPANS_SEED).subList(0, spans);
    }

    /** The same one-letter lacunae with the test book and place each came from. */
    List<RestorationEval.Placed> placedSingleLetters(PriorTexts texts) {
        return RestorationEval.samplePlaced(texts.test(), SINGLES, 1, 1, CONTEXT, SINGLES_SEED).subList(0, singles);
    }

    /** The same spans with the test book and place each came from. */
    List<RestorationEval.Placed> placedSpans(PriorTexts texts) {
        return RestorationEval.samplePlaced(texts.test(), SPANS, 1, 10, CONTEXT, SPANS_SEED).subList(0, spans);
    }

    /** {@value #CACHE_TUNING} spans of the validation books, on which cache weights are chosen. */
    static List<RestorationEval.Placed> validationTuningSpans(PriorTexts texts) {
        return RestorationEval.samplePlaced(texts.validation(), CACHE_TUNING, 1, 10, CONTEXT, TUNING_SEED);
    }

    /** What the restoration tables are scored on, for their titles. */
    String describe() {
        return String.format("Restoration: %d single letters and %d spans (length 1-10) from the test texts, %d letters of "
                + "context each side, beam %d, right context %d; CER = edit distance / letters.", singles, spans, CONTEXT, BEAM, RIGHT);
    }
}
