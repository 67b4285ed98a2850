package org.scrollwork.io.tiff;

/**
 * Undoes TIFF Predictor 2 (horizontal differencing) in place on decoded integer samples: each sample
 * in a row is stored as its difference to the previous one. Rows of {@code rowLength} samples start at
 * {@code offset}; arithmetic wraps at the sample width, as the specification requires.
 */
final class HorizontalPredictor {
    private HorizontalPredictor() {}

    static void undo(Object samples, int offset, int rowLength, int rows) {
        if (samples instanceof byte[]) {
            byte[] a = (byte[]) samples;
            for (int r = 0; r < rows; r++) {
                int s = offset + r * rowLength;
                for (int i = s + 1; i < s + rowLength; i++) a[i] += a[i - 1];
            }
        } else if (samples instanceof short[]) {
            short[] a = (short[]) samples;
            for (int r = 0; r < rows; r++) {
                int s = offset + r * rowLength;
                for (int i = s + 1; i < s + rowLength; i++) a[i] += a[i - 1];
            }
        } else if (samples instanceof int[]) {
            int[] a = (int[]) samples;
            for (int r = 0; r < rows; r++) {
                int s = offset + r * rowLength;
                for (int i = s + 1; i < s + rowLength; i++) a[i] += a[i - 1];
            }
        } else {
            throw new IllegalArgumentException("horizontal differencing applies to integer samples, not " + samples.getClass().getSimpleName());
        }
    }
}
