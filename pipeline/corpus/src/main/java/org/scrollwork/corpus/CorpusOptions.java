package org.scrollwork.corpus;

/**
 * How a new corpus is laid out.
 *
 * @param indexBits width of the index space: every index is below {@code 2^indexBits}; 16..48, default 40
 */
public record CorpusOptions(int indexBits) {
    public static final int DEFAULT_INDEX_BITS = 40;
    public static final int MAX_INDEX_BITS = 48;
    public static final int MIN_INDEX_BITS = 16;

    public CorpusOptions {
        if (indexBits < MIN_INDEX_BITS || indexBits > MAX_INDEX_BITS) {
            throw new IllegalArgumentException("index bits must be in " + MIN_INDEX_BITS + ".." + MAX_INDEX_BITS + ": " + indexBits);
        }
    }

    public static CorpusOptions defaults() { return new CorpusOptions(DEFAULT_INDEX_BITS); }
}
