package org.scrollwork.corpus;

/** An append does not fit in the corpus's index space ({@code 2^indexBits}). */
public class CorpusFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public CorpusFullException(String message) { super(message); }
}
