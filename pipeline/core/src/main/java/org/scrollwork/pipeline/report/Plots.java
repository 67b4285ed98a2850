package org.scrollwork.pipeline.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scrollwork.files.AtomicFiles;

/**
 * PNG figures for run reports (headless): line plots of training curves (XChart) and panels of 2-D slices side by
 * side (grey, with a shared intensity range, drawn voxel by voxel with Java 2D) for original / reconstruction / error.
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

    /**
     * A line plot of the series (XChart, 720×420): title, axis labels, a legend; NaN and infinite points are left out
     * as gaps, a series with no finite point is listed in the legend only, and a repeated name gets a number.
     */
    public static BufferedImage linePlot(String title, String xLabel, String yLabel, List<Series> series) {
        XYChart chart = new XYChartBuilder().width(720).height(420).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        XYStyler style = chart.getStyler();
        style.setChartBackgroundColor(Color.WHITE);
        style.setPlotBackgroundColor(Color.WHITE);
        style.setPlotGridLinesColor(new Color(0xe0e0e0));
        style.setLegendPosition(Styler.LegendPosition.InsideNE);
        style.setLegendBackgroundColor(new Color(255, 255, 255, 200));
        style.setSeriesColors(SERIES);
        style.setMarkerSize(4);
        style.setLocale(Locale.ROOT);
        Set<String> names = new HashSet<>();
        boolean any = false;
        for (Series s : series) {
            double[] y = new double[s.y().length];
            boolean finite = false;
            for (int i = 0; i < y.length; i++) {
                y[i] = Double.isFinite(s.y()[i]) ? s.y()[i] : Double.NaN;
                finite |= !Double.isNaN(y[i]);
            }
            String name = s.name();
            for (int n = 2; !names.add(name); n++) name = s.name() + " (" + n + ")";
            // XChart needs at least one point to size the axes: a series without finite values is drawn as nothing
            XYSeries xy = finite ? chart.addSeries(name, s.x(), y) : chart.addSeries(name, new double[] {firstFinite(series)}, new double[] {Double.NaN});
            xy.setMarker(y.length <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            any |= finite;
        }
        if (!any) {
            style.setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static double firstFinite(List<Series> series) {
        for (Series s : series) for (int i = 0; i < s.x().length; i++) if (Double.isFinite(s.y()[i])) return s.x()[i];
        return 0;
    }

    /**
     * Panels side by side, each scaled by an integer factor to about 256 pixels along its longer side, grey from
     * {@code lo} (black) to {@code hi} (white), captions underneath.
     */
    public static BufferedImage panels(List<Panel> panels, double lo, double hi) {
        int ny = panels.get(0).ny(), nx = panels.get(0).nx();
        int scale = Math.max(1, 256 / Math.max(Math.max(ny, nx), 1)); // the longer side to about 256 pixels
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
}
