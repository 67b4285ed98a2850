package org.scrollwork.phantom;

import java.util.List;

/**
 * Ground truth of one written letter.
 *
 * @param index        position in the written text (0-based)
 * @param character    the capital, as a one-character string
 * @param letterNumber its number in the alphabet, {@code Α = 1 … Ω = 24} (the value in the letter label volumes)
 * @param column       text column (0 = outermost)
 * @param line         line within the column (0 = top, largest z)
 * @param sUm          centre of the letter box along the unrolled sheet: arc length from the outer end, µm
 * @param zUm          centre of the letter box along the scroll axis, µm (z = 0 at the first slice's lower face)
 * @param widthUm      letter box width along s
 * @param heightUm     letter box height along z
 * @param boxes        labelled voxels per resolution level, in the order of {@link Phantom#levels()}
 */
public record LetterTruth(int index, String character, int letterNumber, int column, int line,
                          double sUm, double zUm, double widthUm, double heightUm, List<VoxelBox> boxes) {
    public LetterTruth {
        if (character.length() != 1 || GreekText.letterNumber(character.charAt(0)) != letterNumber) {
            throw new IllegalArgumentException("letter " + index + ": character '" + character + "' does not have number " + letterNumber);
        }
        boxes = List.copyOf(boxes);
    }
}
