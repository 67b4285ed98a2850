package org.scrollwork.pipeline.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scrollwork.pipeline.render.TextOverlay;

/**
 * A z slice of a scan region with the predicted letters drawn over it: each letter's ink voxels tinted green where the
 * predicted letter is the transcription's and red where it is not, letters the run had to read (hidden) outlined in
 * yellow, and the predicted letter written at the centre of its voxels in the slice.
 */
public final class OverlayPicture {
    private static final int SCALE = 8;

    private OverlayPicture() {}

    /**
     * @param scan   the region's grey values, x fastest, of the overlay's shape
     * @param hidden per text position, whether the run had to read it
     */
    public static BufferedImage draw(double[] scan, TextOverlay o, int z, boolean[] hidden) {
        int nx = (int) o.size()[0], ny = (int) o.size()[1], plane = nx * ny;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = z * plane; i < (z + 1) * plane; i++) {
            lo = Math.min(lo, scan[i]);
            hi = Math.max(hi, scan[i]);
        }
        int caption = 22;
        BufferedImage img = new BufferedImage(nx * SCALE, ny * SCALE + caption, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        Map<Integer, double[]> centres = new LinkedHashMap<>();
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int i = z * plane + y * nx + x;
                int v = (int) Math.round(255 * (hi > lo ? (scan[i] - lo) / (hi - lo) : 0));
                Color c = new Color(v, v, v);
                int owner = o.owner()[i];
                if (owner >= 0) {
                    boolean right = o.reading().charAt(owner) == o.truth().charAt(owner);
                    c = right ? new Color(v / 3, Math.min(255, 90 + v), v / 3) : new Color(Math.min(255, 110 + v), v / 4, v / 4);
                    double[] s = centres.computeIfAbsent(owner, k -> new double[3]);
                    s[0] += x;
                    s[1] += y;
                    s[2]++;
                }
                g.setColor(c);
                g.fillRect(x * SCALE, y * SCALE, SCALE, SCALE);
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 3 * SCALE));
        for (Map.Entry<Integer, double[]> e : centres.entrySet()) {
            double[] s = e.getValue();
            int px = (int) Math.round((s[0] / s[2] + 0.5) * SCALE), py = (int) Math.round((s[1] / s[2] + 0.5) * SCALE);
            String letter = String.valueOf(o.reading().charAt(e.getKey()));
            int w = g.getFontMetrics().stringWidth(letter);
            g.setColor(Color.BLACK);
            g.drawString(letter, px - w / 2 + 1, py + SCALE + 1);
            g.setColor(hidden[e.getKey()] ? Color.YELLOW : Color.WHITE);
            g.drawString(letter, px - w / 2, py + SCALE);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString("z = " + z + ": yellow = read by the run; ink green = right, red = wrong", 4, ny * SCALE + 16);
        g.dispose();
        return img;
    }
}
