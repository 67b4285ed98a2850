package org.scrollwork.prior;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * Greek text in the form the papyri are written: scriptio continua majuscule, the 24 letters
 * Α–Ω and nothing else (no spaces, accents, breathings, punctuation or lower case), with a map from
 * every kept letter back to its position in the source text.
 *
 * <p>Normalization: Unicode NFD, combining marks removed (so iota subscript, which NFD turns into
 * the combining ypogegrammeni U+0345, disappears as in majuscule writing), upper case, final sigma
 * ς and lunate sigma ϲ to Σ, then only Α–Ω (U+0391–U+03A9, without the unassigned U+03A2) are kept. Only characters
 * of the Greek and Coptic block (after decomposition) count, so look-alikes such as Latin A or the micro sign µ are
 * dropped.
 *
 * @param letters the normalized letters
 * @param sourceIndex for each letter, the UTF-16 index in the source string of the character it came from
 */
public record PapyrusText(String letters, int[] sourceIndex) {

    /** The 24 capitals in alphabetical order. */
    public static final String ALPHABET = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ";

    public PapyrusText {
        if (letters.length() != sourceIndex.length) throw new IllegalArgumentException("one source index per letter");
        sourceIndex = sourceIndex.clone();
    }

    /** Normalizes any text; characters that are not Greek letters are dropped. */
    public static PapyrusText normalize(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int[] idx = new int[source.length()];
        int n = 0;
        for (int i = 0; i < source.length(); ) {
            int cp = source.codePointAt(i);
            String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
            for (int j = 0; j < decomposed.length(); j++) {
                char c = decomposed.charAt(j);
                int type = Character.getType(c);
                if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK) continue;
                // only the Greek and Coptic block: the micro sign µ (U+00B5) upper-cases to Μ but is not a Greek letter
                if (c < '\u0370' || c > '\u03FF') continue;
                char up = c == 'ς' || c == 'ϲ' || c == 'Ϲ' ? 'Σ' : Character.toUpperCase(c);
                if (isLetter(up)) {
                    out.append(up);
                    idx[n++] = i;
                }
            }
            i += Character.charCount(cp);
        }
        return new PapyrusText(out.toString(), Arrays.copyOf(idx, n));
    }

    /** Whether a character is one of the 24 capitals. */
    public static boolean isLetter(char c) { return c >= 'Α' && c <= 'Ω' && c != '\u03A2'; }

    /** Position of a capital in {@link #ALPHABET} (0 for Α … 23 for Ω), or -1. */
    public static int letterIndex(char c) { return ALPHABET.indexOf(c); }

    @Override public int[] sourceIndex() { return sourceIndex.clone(); }

    public int length() { return letters.length(); }
}
