package org.scrollwork.pipeline.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.scrollwork.files.AtomicFiles;

/**
 * PNG figures for run reports, drawn with Java 2D (headless): line plots of training curves and panels
 * of 2-D slices side by side (grey, with a shared intensity range) for original / reconstruction / error.
 */
public final class Plots {
    private static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};

    private Plots() {}

    /** One named curve: y against x. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) throw new IllegalArgumentException("series " + name + ": " + x.length + " x values, " + y.length + " y values");
        }
    }

    /** A 2-D image (x fastest) with a caption. */
    public record Panel(String caption, double[] pixels, int nx, int ny) {
        public Panel {
            if (pixels.length != (long) nx * ny) throw new IllegalArgumentException("panel " + caption + ": " + pixels.length + " pixels for " + nx + "×" + ny);
        }
    }

    /** A line plot of the series (NaN points skipped) with axes, ticks and a legend. */
    public static BufferedImage linePlot(String title, String xLabel, String yLabel, List<Series> series) {
        int w = 720, h = 420, left = 84, right = 20, top = 40, bottom = 55;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isNaN(s.y()[i]) || Double.isInfinite(s.y()[i])) continue;
                x0 = Math.min(x0, s.x()[i]); x1 = Math.max(x1, s.x()[i]);
                y0 = Math.min(y0, s.y()[i]); y1 = Math.max(y1, s.y()[i]);
            }
        }
        if (x0 > x1) { x0 = 0; x1 = 1; y0 = 0; y1 = 1; }
        if (x1 == x0) x1 = x0 + 1;
        if (y1 == y0) { y0 -= 0.5; y1 += 0.5; }
        double pad = 0.05 * (y1 - y0);
        y0 -= pad; y1 += pad;
        int pw = w - left - right, ph = h - top - bottom;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(left, top, pw, ph);
        for (int t = 0; t <= 5; t++) {
            double xv = x0 + t * (x1 - x0) / 5, yv = y0 + t * (y1 - y0) / 5;
            int px = left + (int) Math.round(t * pw / 5.0), py = top + ph - (int) Math.round(t * ph / 5.0);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(px, top + 1, px, top + ph - 1);
            g.drawLine(left + 1, py, left + pw - 1, py);
            g.setColor(Color.BLACK);
            String xt = tick(xv), yt = tick(yv);
            g.drawString(xt, px - g.getFontMetrics().stringWidth(xt) / 2, top + ph + 16);
            g.drawString(yt, left - 6 - g.getFontMetrics().stringWidth(yt), py + 4);
        }
        g.drawString(xLabel, left + pw / 2 - 30, h - 12);
        Graphics2D gy = (Graphics2D) g.create();
        gy.rotate(-Math.PI / 2);
        gy.drawString(yLabel, -(top + ph / 2 + gy.getFontMetrics().stringWidth(yLabel) / 2), 16);
        gy.dispose();
        g.setStroke(new BasicStroke(2f));
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            g.setColor(SERIES[k % SERIES.length]);
            int px = -1, py = -1;
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isNaN(s.y()[i]) || Double.isInfinite(s.y()[i])) { px = -1; continue; }
                int qx = left + (int) Math.round((s.x()[i] - x0) / (x1 - x0) * pw);
                int qy = top + ph - (int) Math.round((s.y()[i] - y0) / (y1 - y0) * ph);
                if (px >= 0) g.drawLine(px, py, qx, qy); else g.fillOval(qx - 2, qy - 2, 4, 4);
                px = qx; py = qy;
            }
            g.fillRect(left + pw - 170, top + 12 + 18 * k, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), left + pw - 150, top + 18 + 18 * k);
        }
        g.dispose();
        return img;
    }

    /**
     * Panels side by side, each scaled by an integer factor to about 256 pixels high, grey from
     * {@code lo} (black) to {@code hi} (white), captions underneath.
     */
    public static BufferedImage panels(List<Panel> panels, double lo, double hi) {
        int ny = panels.get(0).ny(), nx = panels.get(0).nx();
        int scale = Math.max(1, 256 / Math.max(ny, 1));
        int gap = 10, cap = 24;
        int w = panels.size() * (nx * scale + gap) + gap, h = ny * scale + cap + gap;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int k = 0; k < panels.size(); k++) {
            Panel p = panels.get(k);
            int ox = gap + k * (nx * scale + gap);
            for (int y = 0; y < p.ny(); y++) {
                for (int x = 0; x < p.nx(); x++) {
                    int v = (int) Math.round(255 * Math.max(0, Math.min(1, (p.pixels()[y * p.nx() + x] - lo) / (hi - lo))));
                    g.setColor(new Color(v, v, v));
                    g.fillRect(ox + x * scale, gap / 2 + y * scale, scale, scale);
                }
            }
            g.setColor(Color.BLACK);
            g.drawString(p.caption(), ox, h - 8);
        }
        g.dispose();
        return img;
    }

    /** Writes a PNG atomically. */
    public static void writePng(BufferedImage img, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            AtomicFiles.write(file, tmp -> {
                if (!ImageIO.write(img, "png", tmp.toFile())) throw new IOException("no PNG writer");
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        return a != 0 && (a >= 1e5 || a < 1e-2) ? String.format(Locale.ROOT, "%.1e", v)
                : String.format(Locale.ROOT, a >= 10 || v == Math.rint(v) ? "%.0f" : "%.2f", v);
    }
}
