package org.scrollwork.prior;

import java.util.List;

/**
 * Restoration with the rest of the document in view: a cache model (Kuhn and De Mori 1990) that interpolates a base
 * model with an n-gram counted on the document's own visible letters, everything but the lacuna. Scholars restore a
 * lacuna from the formulae and names the same scroll uses elsewhere; the cache gives the model that memory. Ithaca and
 * Pythia read the whole inscription for the same reason.
 *
 * <p>The visible text comes as pieces (the letters before a lacuna, the letters after it, the other lines of a
 * document with several lacunae); n-grams are counted within pieces only, so nothing spans a gap. The weight is
 * chosen on validation text, not on the text being restored. Cost: counting the pieces on every call (about 0.1 s for a
 * 40,000-letter book), then an n-gram lookup per letter scored on top of the base model.
 */
public final class DocumentCache {

    /** Default order of the cache n-gram. */
    public static final int DEFAULT_ORDER = 8;

    private DocumentCache() {}

    /**
     * {@code weight × cache + (1 - weight) × base}, the cache an {@code order}-gram (modified Kneser-Ney) counted on
     * {@code visible}; {@code base} itself when weight is 0 or no piece has a letter.
     *
     * @param weight the cache's weight, in [0, 1)
     * @param order the cache n-gram's order, 1 … 12
     */
    public static CharModel around(CharModel base, List<String> visible, int order, double weight) {
        if (!(weight >= 0 && weight < 1)) throw new IllegalArgumentException("cache weight must be in [0, 1), was " + weight);
        if (weight == 0 || visible.stream().allMatch(String::isEmpty)) return base;
        NgramModel cache = NgramModel.train(visible, order);
        return new InterpolatedModel(cache, base, weight);
    }
}
