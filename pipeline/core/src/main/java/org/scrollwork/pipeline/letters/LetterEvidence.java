package org.scrollwork.pipeline.letters;

import org.scrollwork.prior.PapyrusText;

/**
 * What is known about one letter position of a text before the language prior is applied: either the letter
 * itself (read from known labels) or a distribution over the 24 letters from a reader (an AUNN, a classifier).
 */
public sealed interface LetterEvidence {
    /** A letter that is known. */
    record Known(char letter) implements LetterEvidence {
        public Known {
            if (PapyrusText.letterIndex(letter) < 0) throw new IllegalArgumentException("not one of the 24 papyrus letters: '" + letter + "'");
        }
    }

    /** A reader's distribution over the 24 letters (index 0 = Α); need not be normalized, entries must be >= 0. */
    record Read(double[] probs) implements LetterEvidence {
        public Read {
            if (probs.length != LetterReader.LETTERS) throw new IllegalArgumentException("a letter distribution has 24 entries, got " + probs.length);
            for (double p : probs) if (!(p >= 0) || Double.isInfinite(p)) throw new IllegalArgumentException("letter probabilities must be finite and >= 0: " + p);
            probs = probs.clone();
        }

        /** The reader's own best letter. */
        public char best() { return PapyrusText.ALPHABET.charAt(LetterReader.best(probs)); }
    }

    static LetterEvidence known(char c) { return new Known(c); }

    static LetterEvidence read(double[] p) { return new Read(p); }
}
