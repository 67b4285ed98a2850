package org.scrollwork.phantom;

/**
 * A built-in stroke font of the 24 Greek capitals, so that letters look the same on every machine
 * (no AWT fonts). Each glyph is a set of polylines on a grid {@value #GRID_WIDTH} units wide and
 * {@value #GRID_HEIGHT} units high, origin at the bottom left, y pointing up (the scroll's z).
 * Round letters (Θ, Ο, Φ, Ω) are drawn as octagons, as a scribe's reed pen would flatten them.
 *
 * <p>A glyph is inked where the distance to its nearest stroke segment is less than half the
 * stroke width. {@link #distance} evaluates that distance in any scaling; it costs one point-segment
 * distance per segment (at most 12).
 */
public final class StrokeFont {
    private StrokeFont() {}

    public static final int GRID_WIDTH = 4;
    public static final int GRID_HEIGHT = 6;

    /** Octagon through the grid's round-letter box: x 0..4, y from {@code y0} to {@code y1}. */
    private static int[] octagon(int y0, int y1) {
        int m = (y1 - y0) / 4 == 0 ? 1 : (y1 - y0) / 4;
        return new int[] {1, y0, 3, y0, 4, y0 + m, 4, y1 - m, 3, y1, 1, y1, 0, y1 - m, 0, y0 + m, 1, y0};
    }

    /** Polylines per glyph, in alphabet order; each polyline is x0, y0, x1, y1, ... on the grid. */
    private static final int[][][] POLYLINES = {
        /* Α */ {{0, 0, 2, 6, 4, 0}, {1, 3, 3, 3}},
        /* Β */ {{0, 0, 0, 6, 3, 6, 4, 5, 4, 4, 3, 3, 0, 3}, {3, 3, 4, 2, 4, 1, 3, 0, 0, 0}},
        /* Γ */ {{0, 0, 0, 6, 4, 6}},
        /* Δ */ {{0, 0, 2, 6, 4, 0, 0, 0}},
        /* Ε */ {{4, 6, 0, 6, 0, 0, 4, 0}, {0, 3, 3, 3}},
        /* Ζ */ {{0, 6, 4, 6, 0, 0, 4, 0}},
        /* Η */ {{0, 0, 0, 6}, {4, 0, 4, 6}, {0, 3, 4, 3}},
        /* Θ */ {octagon(0, 6), {1, 3, 3, 3}},
        /* Ι */ {{2, 0, 2, 6}},
        /* Κ */ {{0, 0, 0, 6}, {4, 6, 0, 3, 4, 0}},
        /* Λ */ {{0, 0, 2, 6, 4, 0}},
        /* Μ */ {{0, 0, 0, 6, 2, 2, 4, 6, 4, 0}},
        /* Ν */ {{0, 0, 0, 6, 4, 0, 4, 6}},
        /* Ξ */ {{0, 6, 4, 6}, {1, 3, 3, 3}, {0, 0, 4, 0}},
        /* Ο */ {octagon(0, 6)},
        /* Π */ {{0, 0, 0, 6, 4, 6, 4, 0}},
        /* Ρ */ {{0, 0, 0, 6, 3, 6, 4, 5, 4, 4, 3, 3, 0, 3}},
        /* Σ */ {{4, 6, 0, 6, 2, 3, 0, 0, 4, 0}},
        /* Τ */ {{0, 6, 4, 6}, {2, 6, 2, 0}},
        /* Υ */ {{0, 6, 2, 3, 4, 6}, {2, 3, 2, 0}},
        /* Φ */ {{2, 0, 2, 6}, octagon(1, 5)},
        /* Χ */ {{0, 0, 4, 6}, {0, 6, 4, 0}},
        /* Ψ */ {{2, 0, 2, 6}, {0, 6, 0, 4, 1, 3, 3, 3, 4, 4, 4, 6}},
        /* Ω */ {{0, 0, 1, 0, 0, 2, 0, 4, 1, 6, 3, 6, 4, 4, 4, 2, 3, 0, 4, 0}},
    };

    /** Segments per glyph: x0, y0, x1, y1 per segment, in grid units. */
    private static final float[][] SEGMENTS = new float[24][];

    static {
        for (int g = 0; g < 24; g++) {
            int n = 0;
            for (int[] line : POLYLINES[g]) n += line.length / 2 - 1;
            float[] seg = new float[n * 4];
            int k = 0;
            for (int[] line : POLYLINES[g]) {
                for (int i = 0; i + 3 < line.length; i += 2) {
                    seg[k++] = line[i];
                    seg[k++] = line[i + 1];
                    seg[k++] = line[i + 2];
                    seg[k++] = line[i + 3];
                }
            }
            SEGMENTS[g] = seg;
        }
    }

    /**
     * Distance from a point to the strokes of a glyph whose grid is scaled to a box {@code width} by
     * {@code height} (any unit; the result is in the same unit).
     *
     * @param letter letter number 1..24 (see {@link GreekText#letterNumber})
     * @param x      position from the box's left edge
     * @param y      position from the box's bottom edge
     */
    public static double distance(int letter, double x, double y, double width, double height) {
        float[] seg = SEGMENTS[letter - 1];
        double sx = width / GRID_WIDTH;
        double sy = height / GRID_HEIGHT;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < seg.length; i += 4) {
            double ax = seg[i] * sx, ay = seg[i + 1] * sy;
            double dx = seg[i + 2] * sx - ax, dy = seg[i + 3] * sy - ay;
            double px = x - ax, py = y - ay;
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
            double ex = px - t * dx, ey = py - t * dy;
            double d2 = ex * ex + ey * ey;
            if (d2 < best) best = d2;
        }
        return Math.sqrt(best);
    }

    /**
     * Rasterizes a glyph into a {@code width} x {@code height} bitmap (row 0 at the top, as images
     * are shown) with pixel centres sampled; the glyph box fills the bitmap less a margin of half the
     * stroke width on every side.
     *
     * @return {@code bitmap[row][column]}
     */
    public static boolean[][] rasterize(int letter, int width, int height, double strokeWidthPx) {
        double m = strokeWidthPx / 2;
        double bw = width - 2 * m, bh = height - 2 * m;
        boolean[][] out = new boolean[height][width];
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                double x = col + 0.5 - m, y = height - row - 0.5 - m;
                out[row][col] = distance(letter, x, y, bw, bh) < strokeWidthPx / 2;
            }
        }
        return out;
    }
}
