package org.scrollwork.prior;

import java.util.List;

/**
 * Fills a lacuna of known length between a left and a right context: the causal model's beam search
 * ({@link Restorer}) and the infill model's iterative decoding ({@link InfillRestorer}). {@link RestorationEval} and
 * {@link LacunaText} take either.
 */
public interface LacunaRestorer {

    /**
     * The best fillings, best first, at most {@code topK}, each with the restorer's score (higher is better).
     *
     * @param length the lacuna's length in letters, >= 1
     */
    List<Restorer.Candidate> restore(String left, int length, String right, int topK);

    /** The score the restorer gives one filling, on the scale of the candidates' scores (for counting search errors). */
    double score(String left, String filling, String right);

    /** The single best filling. */
    default String best(String left, int length, String right) { return restore(left, length, right, 1).get(0).filling(); }
}
