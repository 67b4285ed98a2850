package org.scrollwork.phantom;

/**
 * Where each letter sits on the unrolled sheet: columns of text along the arc length {@code s}
 * (reading order: increasing {@code s}, i.e. from the outer end inwards, as the scroll is unrolled),
 * lines from the top of the sheet (largest z) downwards, {@code lettersPerLine} letters per line,
 * scriptio continua. Text that does not fit is not written; the layout's {@link #text()} is the part
 * that is.
 *
 * <p>Letter box: {@code 0.7 h} wide, {@code h} high; advance {@code 0.9 h}; line height {@code 1.4 h};
 * stroke width {@code 0.14 h}; columns separated by {@code 2.5} advances; a margin of two advances at
 * the sheet's outer end.
 */
public final class TextLayout {
    private final String text;
    private final int[] numbers;
    private final double letterHeight, letterWidth, advance, lineHeight, strokeWidth, columnWidth, columnPitch, marginS, topZ;
    private final int lettersPerLine, linesPerColumn, columns;

    public TextLayout(String normalizedText, double sheetLengthUm, double heightUm, double letterHeightUm, int lettersPerLine) {
        if (!GreekText.isNormalized(normalizedText)) throw new IllegalArgumentException("text must be normalized to the 24 capitals");
        letterHeight = letterHeightUm;
        letterWidth = 0.7 * letterHeightUm;
        advance = 0.9 * letterHeightUm;
        lineHeight = 1.4 * letterHeightUm;
        strokeWidth = 0.14 * letterHeightUm;
        this.lettersPerLine = lettersPerLine;
        columnWidth = lettersPerLine * advance;
        columnPitch = columnWidth + 2.5 * advance;
        marginS = 2 * advance;
        linesPerColumn = Math.max(0, (int) Math.floor((heightUm - 0.5 * letterHeightUm) / lineHeight));
        double block = linesPerColumn * lineHeight;
        topZ = heightUm - (heightUm - block) / 2;
        columns = Math.max(0, (int) Math.floor((sheetLengthUm - 2 * marginS + 2.5 * advance) / columnPitch));
        int capacity = columns * linesPerColumn * lettersPerLine;
        text = normalizedText.length() > capacity ? normalizedText.substring(0, capacity) : normalizedText;
        numbers = new int[text.length()];
        for (int i = 0; i < numbers.length; i++) numbers[i] = GreekText.letterNumber(text.charAt(i));
    }

    /** The text written (a prefix of the requested text). */
    public String text() { return text; }

    public int letterCount() { return numbers.length; }

    /** Letter number (1..24) of the letter at text index {@code i}. */
    public int letterNumber(int i) { return numbers[i]; }

    public double letterHeightUm() { return letterHeight; }
    public double letterWidthUm() { return letterWidth; }
    public double strokeWidthUm() { return strokeWidth; }
    public double lineHeightUm() { return lineHeight; }
    public int lettersPerLine() { return lettersPerLine; }
    public int linesPerColumn() { return linesPerColumn; }
    public int columns() { return columns; }

    public int column(int i) { return i / (lettersPerLine * linesPerColumn); }

    public int line(int i) { return (i / lettersPerLine) % linesPerColumn; }

    /** Left edge (smallest s) of letter {@code i}'s box. */
    public double boxS(int i) { return marginS + column(i) * columnPitch + (i % lettersPerLine) * advance; }

    /** Bottom edge (smallest z) of letter {@code i}'s box. */
    public double boxZ(int i) { return topZ - (line(i) + 1) * lineHeight + (lineHeight - letterHeight) / 2; }

    /**
     * Index in the text of the letter whose cell contains {@code (s, z)}, or -1. A cell is the letter's
     * box widened by half the space to its neighbours ({@code 0.1 h} in s, {@code 0.2 h} in z), so
     * strokes may reach a little beyond the box.
     */
    public int letterAt(double s, double z) {
        double rs = s - marginS + 0.1 * letterHeight;
        if (rs < 0 || linesPerColumn == 0) return -1;
        int col = (int) (rs / columnPitch);
        double inCol = rs - col * columnPitch;
        if (inCol >= columnWidth) return -1;
        int slot = (int) (inCol / advance);
        double rz = topZ - z;
        if (rz < 0) return -1;
        int line = (int) (rz / lineHeight);
        if (line >= linesPerColumn) return -1;
        int i = (col * linesPerColumn + line) * lettersPerLine + slot;
        return i < numbers.length ? i : -1;
    }

    /** Distance from {@code (s, z)} to the strokes of letter {@code i} (µm). */
    public double strokeDistance(int i, double s, double z) {
        return StrokeFont.distance(numbers[i], s - boxS(i), z - boxZ(i), letterWidth, letterHeight);
    }
}
