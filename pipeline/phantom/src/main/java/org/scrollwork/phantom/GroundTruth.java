package org.scrollwork.phantom;

import java.util.List;

/**
 * Everything known exactly about a phantom besides its voxels; written as JSON by {@link PhantomWriter}.
 *
 * @param scrollId        {@code PHANTOM-<seed>}
 * @param seed            the config's seed
 * @param requestedText   the config's text, normalized to the 24 capitals
 * @param text            the part of it that was written (it stops where the sheet is full)
 * @param sheetLengthUm   length of the unrolled sheet (its centreline)
 * @param sheetHeightUm   height of the sheet along z
 * @param letterHeightUm  letter box height
 * @param letterWidthUm   letter box width
 * @param strokeWidthUm   pen stroke width
 * @param lettersPerLine  letters per line
 * @param linesPerColumn  lines per text column
 * @param voxelSizesUm    voxel size per resolution level, as in {@link Phantom#levels()}
 * @param letterLabels    meaning of the letter label values
 * @param letters         one entry per written letter, in text order
 */
public record GroundTruth(String scrollId, long seed, String requestedText, String text,
                          double sheetLengthUm, double sheetHeightUm, double letterHeightUm, double letterWidthUm, double strokeWidthUm,
                          int lettersPerLine, int linesPerColumn, List<Double> voxelSizesUm, String letterLabels, List<LetterTruth> letters) {
    /** What the values of a letter label volume mean. */
    public static final String LETTER_LABELS = "0 = no ink; 1..24 = number of the letter in the Greek alphabet (1 = Α, 24 = Ω)";

    public GroundTruth {
        voxelSizesUm = List.copyOf(voxelSizesUm);
        letters = List.copyOf(letters);
        if (letters.size() != text.length()) throw new IllegalArgumentException("one letter entry per written character: " + letters.size() + " vs " + text.length());
    }
}
