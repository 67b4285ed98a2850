package org.scrollwork.prior;

import java.util.ArrayList;
import java.util.List;

/**
 * A text with lacunae of known length, written the papyrological way: {@code [...]} is a gap of as many letters as
 * dots (spaces between the dots are allowed, as in {@code [. . .]}), and {@code [3]} a gap of 3 letters. Everything
 * outside brackets is normalized to papyrus letters ({@link PapyrusText}); line breaks, spaces and accents vanish, so
 * context runs on across lines as it does on a papyrus.
 *
 * @param known the normalized letters before, between and after the lacunae ({@code lacunae.size() + 1} strings)
 * @param lacunae the length of every lacuna, in order
 */
public record LacunaText(List<String> known, List<Integer> lacunae) {

    /** The longest lacuna accepted: longer ones are beyond what a letter model can restore meaningfully. */
    public static final int MAX_LENGTH = 50;

    public LacunaText {
        known = List.copyOf(known);
        lacunae = List.copyOf(lacunae);
        if (known.size() != lacunae.size() + 1) throw new IllegalArgumentException("one known stretch more than lacunae");
    }

    /**
     * Parses a text.
     *
     * @throws IllegalArgumentException naming the column when a bracket is not closed, nested, empty, or holds
     *         anything but dots or a number from 1 to {@value #MAX_LENGTH}, or when the text has no lacuna
     */
    public static LacunaText parse(String text) {
        List<String> known = new ArrayList<>();
        List<Integer> gaps = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ']') throw new IllegalArgumentException("']' without '[' at column " + (i + 1));
            if (c != '[') {
                plain.append(c);
                i++;
                continue;
            }
            int close = text.indexOf(']', i + 1);
            if (close < 0) throw new IllegalArgumentException("'[' at column " + (i + 1) + " is not closed");
            String inner = text.substring(i + 1, close);
            if (inner.indexOf('[') >= 0) throw new IllegalArgumentException("nested '[' inside the lacuna at column " + (i + 1));
            gaps.add(length(inner.strip(), i + 1));
            known.add(PapyrusText.normalize(plain.toString()).letters());
            plain.setLength(0);
            i = close + 1;
        }
        known.add(PapyrusText.normalize(plain.toString()).letters());
        if (gaps.isEmpty()) throw new IllegalArgumentException("no lacuna: write the missing letters as [...] (one dot per letter) or [N]");
        return new LacunaText(known, gaps);
    }

    private static int length(String inner, int column) {
        if (!inner.isEmpty() && inner.chars().allMatch(Character::isDigit)) {
            int n = inner.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(inner);
            if (n < 1 || n > MAX_LENGTH) throw new IllegalArgumentException("lacuna at column " + column + ": length " + inner + " is not 1.." + MAX_LENGTH);
            return n;
        }
        String dots = inner.replace(" ", "");
        if (dots.isEmpty() || !dots.chars().allMatch(ch -> ch == '.'))
            throw new IllegalArgumentException("lacuna at column " + column + ": '[" + inner + "]' must hold dots (one per missing letter) or a number");
        if (dots.length() > MAX_LENGTH) throw new IllegalArgumentException("lacuna at column " + column + ": " + dots.length() + " letters, at most " + MAX_LENGTH);
        return dots.length();
    }

    /** One restored lacuna: its place and the best fillings, best first. */
    public record Restored(int index, String left, int length, String right, List<Restorer.Candidate> candidates) {}

    /**
     * Restores every lacuna from left to right: lacuna i sees all letters before it (earlier lacunae filled with their
     * best filling) and the known letters after it up to the next lacuna.
     */
    public List<Restored> restore(LacunaRestorer restorer, int topK) {
        List<Restored> out = new ArrayList<>();
        StringBuilder left = new StringBuilder(known.get(0));
        for (int i = 0; i < lacunae.size(); i++) {
            String right = known.get(i + 1);
            List<Restorer.Candidate> c = restorer.restore(left.toString(), lacunae.get(i), right, topK);
            out.add(new Restored(i, left.toString(), lacunae.get(i), right, c));
            left.append(c.get(0).filling()).append(right);
        }
        return out;
    }

    /** The text in letters with each lacuna's best filling in brackets. */
    public static String reading(List<Restored> restored, LacunaText text) {
        StringBuilder sb = new StringBuilder(text.known().get(0));
        for (Restored r : restored) sb.append('[').append(r.candidates().get(0).filling()).append(']').append(text.known().get(r.index() + 1));
        return sb.toString();
    }
}
