package org.scrollwork.phantom;

import org.scrollwork.prior.PapyrusText;

/**
 * Greek text the way the papyri are written: scriptio continua majuscule, the 24 capitals
 * {@code Α–Ω}, no spaces, accents, breathings or punctuation.
 *
 * <p>Letter numbers (used by the letter label volumes): {@code Α = 1, Β = 2, …, Ρ = 17, Σ = 18, …, Ω = 24}
 * (the order of the alphabet; U+03A2, which Unicode leaves unassigned, is skipped). 0 means "no letter".
 */
public final class GreekText {
    private GreekText() {}

    /** The 24 capitals in alphabet order. */
    public static final String ALPHABET = PapyrusText.ALPHABET;

    /**
     * The default passage: the opening of Plato's <i>Apology</i> (17a, public domain), as printed with
     * accents and punctuation. {@link #normalize} turns it into what the phantom writes.
     */
    public static final String DEFAULT_PASSAGE =
            "Ὅτι μὲν ὑμεῖς, ὦ ἄνδρες Ἀθηναῖοι, πεπόνθατε ὑπὸ τῶν ἐμῶν κατηγόρων, οὐκ οἶδα· "
            + "ἐγὼ δ᾽ οὖν καὶ αὐτὸς ὑπ᾽ αὐτῶν ὀλίγου ἐμαυτοῦ ἐπελαθόμην, οὕτω πιθανῶς ἔλεγον. "
            + "καίτοι ἀληθές γε ὡς ἔπος εἰπεῖν οὐδὲν εἰρήκασιν. μάλιστα δὲ αὐτῶν ἓν ἐθαύμασα τῶν πολλῶν "
            + "ὧν ἐψεύσαντο, τοῦτο ἐν ᾧ ἔλεγον ὡς χρῆν ὑμᾶς εὐλαβεῖσθαι μὴ ὑπ᾽ ἐμοῦ ἐξαπατηθῆτε ὡς δεινοῦ ὄντος λέγειν.";

    /** Normalizes any text to the 24 capitals; see {@link PapyrusText#normalize(String)}. */
    public static String normalize(String text) {
        return PapyrusText.normalize(text).letters();
    }

    /** The letter number of a capital ({@code Α = 1 … Ω = 24}), or 0 for anything else. */
    public static int letterNumber(char c) {
        return ALPHABET.indexOf(c) + 1;
    }

    /** The capital with letter number {@code n} (1..24). */
    public static char letter(int n) {
        if (n < 1 || n > 24) throw new IllegalArgumentException("letter number must be 1..24: " + n);
        return ALPHABET.charAt(n - 1);
    }

    /** True when every character of {@code s} is one of the 24 capitals. */
    public static boolean isNormalized(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (letterNumber(s.charAt(i)) == 0) return false;
        }
        return true;
    }
}
