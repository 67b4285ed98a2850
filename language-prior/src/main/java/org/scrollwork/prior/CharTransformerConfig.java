package org.scrollwork.prior;

/**
 * The shape of a {@link CharTransformer}: the letters it predicts, the window it reads, the width, depth and heads of
 * its pre-LN encoder, and the dropout used in training. Stored as JSON in the model file.
 *
 * @param alphabet the letters predicted, in index order (always {@link PapyrusText#ALPHABET} for this code)
 * @param window symbols read at once (left context + gap + right context), 8 … 1024; positions are learned
 * @param dim model width, divisible by {@code heads}
 * @param layers encoder blocks, 1 … 24
 * @param heads attention heads
 * @param dropout dropout on the embeddings and on every residual branch while training, in [0, 0.9]
 */
public record CharTransformerConfig(String alphabet, int window, int dim, int layers, int heads, float dropout) {

    public CharTransformerConfig {
        if (alphabet == null || alphabet.isEmpty()) throw new IllegalArgumentException("alphabet is required");
        if (window < 8 || window > 1024) throw new IllegalArgumentException("window must be 8..1024, was " + window);
        if (dim < 8 || dim > 4096) throw new IllegalArgumentException("dim must be 8..4096, was " + dim);
        if (layers < 1 || layers > 24) throw new IllegalArgumentException("layers must be 1..24, was " + layers);
        if (heads < 1 || dim % heads != 0) throw new IllegalArgumentException("heads must be >= 1 and divide dim " + dim + ", was " + heads);
        if (!(dropout >= 0 && dropout <= 0.9f)) throw new IllegalArgumentException("dropout must be in [0, 0.9], was " + dropout);
    }

    /** A config over the papyrus alphabet. */
    public static CharTransformerConfig of(int window, int dim, int layers, int heads, float dropout) {
        return new CharTransformerConfig(PapyrusText.ALPHABET, window, dim, layers, heads, dropout);
    }

    /** Input symbols: the letters, then {@link #maskSymbol()} and {@link #padSymbol()}. */
    public int inputSymbols() { return alphabet.length() + 2; }

    /** The symbol of an unknown (masked) letter. */
    public int maskSymbol() { return alphabet.length(); }

    /** The symbol of a position past the end of a short input (never attended to). */
    public int padSymbol() { return alphabet.length() + 1; }
}
