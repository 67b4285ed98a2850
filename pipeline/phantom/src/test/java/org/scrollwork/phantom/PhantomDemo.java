package org.scrollwork.phantom;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Development harness: generates a phantom, prints generation times, and writes PNGs to look at:
 * a z-slice of each scan, the label slice, and the unrolled sheet (ground-truth ink from the layout,
 * and the fine letter labels and scan sampled along the recto surface through the geometry), and the
 * recto as a Vesuvius segment ({@link PhantomSegment}, with its sampling and writing times).
 *
 * <p>Run (arguments: output folder, then optionally the fine size x y z, which picks the winds with
 * {@link PhantomConfig#forSize}):
 * <pre>
 * bin/bench pipeline/phantom org.scrollwork.phantom.PhantomDemo phantom-look 96 96 64
 * </pre>
 */
public final class PhantomDemo {
    private PhantomDemo() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/phantom-demo");
        PhantomConfig c = args.length >= 4
                ? PhantomConfig.forSize(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]))
                : PhantomConfig.defaults();
        Files.createDirectories(out);
        PhantomGenerator.generate(PhantomConfig.defaults()); // warm-up (JIT)
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        Phantom p = PhantomGenerator.generate(c);
        long t1 = System.nanoTime(), c1 = os.getProcessCpuTime();
        System.out.printf("| size (fine) | winds | letters written | threads | wall (s) | cpu (s) |%n|---|---|---|---|---|---|%n");
        System.out.printf("| %dx%dx%d | %s | %d | %d | %.2f | %.2f |%n", c.sizeX(), c.sizeY(), c.sizeZ(), PhantomVolume.number(c.winds()),
                p.groundTruth().text().length(), Runtime.getRuntime().availableProcessors(), (t1 - t0) / 1e9, (c1 - c0) / 1e9);
        System.out.printf("ink voxels: fine %d, coarse %d; letters without fine voxels: %d%n", count(p.fine().ink()), count(p.coarse().ink()),
                p.groundTruth().letters().stream().filter(t -> t.boxes().get(0).isEmpty()).count());
        for (PhantomLevel l : p.levels()) {
            long[] s = l.shape();
            int z = (int) s[2] / 2;
            for (int e = 0; e < l.scans().size(); e++) {
                write(slice(PhantomLevel.voxels(l.scans().get(e)), s, z, 1), out.resolve("slice-" + l.voxelLabel() + "-" + e + ".png"));
            }
            write(labelSlice(l, z), out.resolve("labels-" + l.voxelLabel() + ".png"));
        }
        writeUnrolled(p, out);
        long s0 = System.nanoTime();
        PhantomSegment segment = PhantomSegment.of(p);
        long s1 = System.nanoTime();
        PhantomWriter.writeSegment(segment, out.resolve(PhantomWriter.SEGMENTS));
        long s2 = System.nanoTime();
        long[] shape = segment.surface().shape();
        System.out.printf("segment %s: %d x %d x %d, sampled in %.0f ms, written in %.0f ms%n", segment.id(), shape[0], shape[1], shape[2],
                (s1 - s0) / 1e6, (s2 - s1) / 1e6);
        System.out.println("wrote PNGs to " + out);
    }

    private static long count(org.scrollwork.io.Volume<?> v) {
        long n = 0;
        for (byte b : PhantomLevel.voxels(v)) n += b;
        return n;
    }

    private static BufferedImage slice(byte[] v, long[] s, int z, int gain) {
        int nx = (int) s[0], ny = (int) s[1];
        BufferedImage img = new BufferedImage(nx, ny, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int g = Math.min(255, (v[(z * ny + y) * nx + x] & 0xff) * gain);
                img.getRaster().setSample(x, y, 0, g);
            }
        }
        return img;
    }

    /** Papyrus grey, ink red. */
    private static BufferedImage labelSlice(PhantomLevel l, int z) {
        long[] s = l.shape();
        int nx = (int) s[0], ny = (int) s[1];
        byte[] pap = PhantomLevel.voxels(l.papyrus()), ink = PhantomLevel.voxels(l.ink());
        BufferedImage img = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int i = (z * ny + y) * nx + x;
                img.setRGB(x, y, ink[i] != 0 ? 0xff2020 : pap[i] != 0 ? 0x909090 : 0);
            }
        }
        return img;
    }

    /** Unrolled sheet, s to the right, z up: layout ink (top), fine labels on the recto (middle), fine scan there (bottom). */
    private static void writeUnrolled(Phantom p, Path out) throws IOException {
        PhantomConfig c = p.config();
        SpiralGeometry g = new SpiralGeometry(c);
        SheetMaterial m = new SheetMaterial(c, g.sheetLengthUm());
        TextLayout layout = new TextLayout(c.normalizedText(), g.sheetLengthUm(), c.sizeZ() * c.fineVoxelUm(), c.letterHeightUm(), c.lettersPerLine());
        double step = c.fineVoxelUm() / 2;
        int w = (int) (g.sheetLengthUm() / step), h = (int) (c.sizeZ() * c.fineVoxelUm() / step);
        BufferedImage img = new BufferedImage(w, 3 * h, BufferedImage.TYPE_BYTE_GRAY);
        PhantomLevel fine = p.fine();
        byte[] letters = PhantomLevel.voxels(fine.letters()), scan = PhantomLevel.voxels(fine.scans().get(0));
        long[] s = fine.shape();
        double[] xy = new double[2];
        for (int row = 0; row < h; row++) {
            double z = (h - row - 0.5) * step;
            SpiralGeometry.Slice sl = g.slice(z);
            int iz = (int) (z / c.fineVoxelUm());
            for (int col = 0; col < w; col++) {
                double sUm = (col + 0.5) * step;
                int li = layout.letterAt(sUm, z);
                boolean inked = li >= 0 && layout.strokeDistance(li, sUm, z) < layout.strokeWidthUm() / 2;
                img.getRaster().setSample(col, row, 0, inked ? 0 : 230);
                sl.toXY(sUm, m.rectoSurface(sUm, z) + c.inkDepthUm() / 2, xy);
                int ix = (int) (xy[0] / c.fineVoxelUm()), iy = (int) (xy[1] / c.fineVoxelUm());
                if (ix < 0 || iy < 0 || ix >= s[0] || iy >= s[1]) continue;
                int i = (int) ((iz * s[1] + iy) * s[0] + ix);
                img.getRaster().setSample(col, h + row, 0, letters[i] != 0 ? 0 : 230);
                img.getRaster().setSample(col, 2 * h + row, 0, scan[i] & 0xff);
            }
        }
        write(img, out.resolve("unrolled.png"));
    }

    private static void write(BufferedImage img, Path file) throws IOException {
        if (!ImageIO.write(img, "png", file.toFile())) throw new IOException("no PNG writer for " + file);
    }
}
