package org.scrollwork.pipeline.ink;

import org.scrollwork.pipeline.run.RegionException;

/**
 * A rectangle of a segment's label image, in pixels, ends exclusive: the part of the ink labels a run keeps from
 * training and scores.
 */
public record LabelBox(int x0, int y0, int x1, int y1) {
    public LabelBox {
        if (x1 <= x0 || y1 <= y0) throw new RegionException("a label box x0,y0,x1,y1 needs x0 < x1 and y0 < y1; got " + x0 + "," + y0 + "," + x1 + "," + y1);
        if (x0 < 0 || y0 < 0) throw new RegionException("a label box starts at x, y >= 0; got " + x0 + "," + y0);
    }

    /** The right half of an {@code nx × ny} label image (columns {@code x >= nx / 2}). */
    public static LabelBox rightHalf(int nx, int ny) { return new LabelBox(nx / 2, 0, nx, ny); }

    /**
     * Parses {@code x0,y0,x1,y1}.
     *
     * @throws RegionException naming the text when it is not four integers
     */
    public static LabelBox parse(String text) {
        String[] p = text.split(",");
        if (p.length != 4) throw new RegionException("a label box is x0,y0,x1,y1 (four integers, ends exclusive); got '" + text + "'");
        try {
            return new LabelBox(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()), Integer.parseInt(p[3].trim()));
        } catch (NumberFormatException e) {
            throw new RegionException("a label box is x0,y0,x1,y1 (four integers, ends exclusive); got '" + text + "'");
        }
    }

    /**
     * Checks that this box lies inside an {@code nx × ny} image and leaves some of it known.
     *
     * @throws RegionException naming the box, the image and the segment when it does not
     */
    public void checkInside(int nx, int ny, String segment) {
        if (x1 > nx || y1 > ny) {
            throw new RegionException("label box " + this.spec() + " leaves the " + nx + "×" + ny + " labels of " + segment + " (x runs to " + nx + ", y to " + ny + ")");
        }
        if ((long) (x1 - x0) * (y1 - y0) == (long) nx * ny) {
            throw new RegionException("label box " + this.spec() + " holds out every label of " + segment + "; the AUNN needs some known ink labels to learn from");
        }
    }

    /** Whether pixel {@code (x, y)} lies in the box. */
    public boolean contains(int x, int y) { return x >= x0 && x < x1 && y >= y0 && y < y1; }

    /** {@code x0,y0,x1,y1}. */
    public String spec() { return x0 + "," + y0 + "," + x1 + "," + y1; }
}
