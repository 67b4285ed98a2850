package org.scrollwork.prior;

/**
 * The shape of a {@link CharLm}: its output alphabet, the GRU's hidden size and layer count, and the dropout rate
 * between the last GRU layer and the output head (and between GRU layers). Stored as JSON in the model file.
 *
 * @param alphabet the letters predicted, in index order (always {@link PapyrusText#ALPHABET} for this code)
 * @param hiddenSize GRU state size per layer, 8 … 4096
 * @param layers GRU layers, 1 … 8
 * @param dropout dropout rate during training, in [0, 0.9]
 */
public record CharLmConfig(String alphabet, int hiddenSize, int layers, float dropout) {

    public CharLmConfig {
        if (alphabet == null || alphabet.isEmpty()) throw new IllegalArgumentException("alphabet is required");
        if (hiddenSize < 8 || hiddenSize > 4096) throw new IllegalArgumentException("hiddenSize must be 8..4096, was " + hiddenSize);
        if (layers < 1 || layers > 8) throw new IllegalArgumentException("layers must be 1..8, was " + layers);
        if (!(dropout >= 0 && dropout <= 0.9f)) throw new IllegalArgumentException("dropout must be in [0, 0.9], was " + dropout);
    }

    /** A config over the papyrus alphabet. */
    public static CharLmConfig of(int hiddenSize, int layers, float dropout) {
        return new CharLmConfig(PapyrusText.ALPHABET, hiddenSize, layers, dropout);
    }

    /** Input symbols: the letters plus one start symbol (index {@code alphabet.length()}) that opens every text. */
    public int inputSymbols() { return alphabet.length() + 1; }

    /** Index of the start symbol. */
    public int startSymbol() { return alphabet.length(); }
}
