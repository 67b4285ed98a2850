package org.scrollwork.pipeline.ink;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import org.scrollwork.aunn.data.Role;
import org.scrollwork.pipeline.report.Plots;

/**
 * The ink run's pictures, one pixel per label pixel: the AUNN's {@code P(ink)} as grey, and an overlay as the ink-detection
 * entries of the Vesuvius Challenge show it: the surface's middle layer in grey (contrast stretched between its 1st and
 * 99th percentiles), and in the held-out box the AUNN's decisions against the labels (yellow: ink found, red: ink
 * predicted where there is none, cyan: ink missed); known labels' ink in faint green, pixels outside the mask black, the
 * box outlined in white.
 */
final class InkPictures {
    static final int FOUND = 0xFFDC00, FALSE_INK = 0xFF3030, MISSED = 0x00C8FF, KNOWN_INK = 0x50A050, BOX = 0xFFFFFF;

    private InkPictures() {}

    /** {@code P(ink)} as an 8-bit grey PNG. */
    static void writeProbability(Path file, double[] p, int nx, int ny) {
        BufferedImage img = new BufferedImage(nx, ny, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
            img.getRaster().setSample(x, y, 0, (int) Math.round(255 * Math.max(0, Math.min(1, p[y * nx + x]))));
        }
        Plots.writePng(img, file);
    }

    /** The overlay of the AUNN's decisions ({@code predicted}) over the labels and the surface's layer {@code grey}. */
    static void writeOverlay(Path file, double[] grey, SegmentLabels labels, boolean[] predicted, LabelBox box) {
        int nx = labels.width(), ny = labels.height();
        double[] sorted = grey.clone();
        Arrays.sort(sorted);
        double lo = sorted[(int) (0.01 * (sorted.length - 1))], hi = sorted[(int) (0.99 * (sorted.length - 1))];
        BufferedImage img = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int i = y * nx + x;
                int g = (int) Math.round(255 * Math.max(0, Math.min(1, hi > lo ? (grey[i] - lo) / (hi - lo) : 0.5)));
                int rgb = (g << 16) | (g << 8) | g;
                if (!labels.valid(i)) rgb = 0;
                else if (labels.role(i) == Role.HELD_OUT) {
                    if (predicted[i] && labels.ink(i)) rgb = FOUND;
                    else if (predicted[i]) rgb = FALSE_INK;
                    else if (labels.ink(i)) rgb = MISSED;
                } else if (labels.ink(i)) rgb = blend(rgb, KNOWN_INK);
                boolean edge = (x == box.x0() || x == box.x1() - 1) && y >= box.y0() && y < box.y1()
                        || (y == box.y0() || y == box.y1() - 1) && x >= box.x0() && x < box.x1();
                img.setRGB(x, y, edge ? BOX : rgb);
            }
        }
        Plots.writePng(img, file);
    }

    private static int blend(int a, int b) {
        int r = (((a >> 16) & 0xff) + ((b >> 16) & 0xff)) / 2, g = (((a >> 8) & 0xff) + ((b >> 8) & 0xff)) / 2, bl = ((a & 0xff) + (b & 0xff)) / 2;
        return (r << 16) | (g << 8) | bl;
    }
}
