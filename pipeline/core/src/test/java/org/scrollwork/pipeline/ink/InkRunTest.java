package org.scrollwork.pipeline.ink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scrollwork.io.DataType;
import org.scrollwork.io.Formats;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volumes;
import org.scrollwork.pipeline.TrainingDefaults;
import org.scrollwork.pipeline.run.RegionException;

/**
 * The ink task end to end on a segment whose answer is known: ink brightens layers 3–5 of the surface (by 6 noise
 * sigmas at layer 4), in strokes that differ between the known and the held-out half, so the held-out labels can only
 * be read from the surface.
 */
class InkRunTest {
    static final int NX = 48, NY = 24, LAYERS = 8;

    @TempDir Path dir;

    /** Ink strokes: short vertical and horizontal bars on a grid, shifted differently left and right. */
    static boolean ink(int x, int y) {
        int cx = x % 12, cy = y % 8;
        boolean right = x >= NX / 2;
        return right ? (cx >= 3 && cx <= 5 && cy >= 1 && cy <= 6) : (cy >= 2 && cy <= 3 && cx >= 1 && cx <= 9);
    }

    /** Writes the segment {@code seg} (layers/00.tif … 07.tif, seg_inklabels.png, seg_mask.png with columns 0–1 masked out). */
    static Path writeSegment(Path root) throws Exception {
        Path seg = root.resolve("seg");
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] surface = new byte[NX * NY * LAYERS];
        for (int z = 0; z < LAYERS; z++) for (int y = 0; y < NY; y++) for (int x = 0; x < NX; x++) {
            double v = 100 + 10 * rnd.nextGaussian() + (ink(x, y) ? (z == 4 ? 60 : z == 3 || z == 5 ? 30 : 0) : 0);
            surface[(z * NY + y) * NX + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
        Files.createDirectories(seg);
        Formats.byName("tiff-slices").orElseThrow().createWriter().write(seg.resolve("layers"),
                Volumes.wrap(surface, new long[] {NX, NY, LAYERS}, ScanMetadata.of(DataType.UINT8)));
        BufferedImage labels = new BufferedImage(NX, NY, BufferedImage.TYPE_BYTE_GRAY), mask = new BufferedImage(NX, NY, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < NY; y++) for (int x = 0; x < NX; x++) {
            labels.getRaster().setSample(x, y, 0, ink(x, y) ? 255 : 0);
            mask.getRaster().setSample(x, y, 0, x < 2 ? 0 : 255);
        }
        ImageIO.write(labels, "png", seg.resolve("seg_inklabels.png").toFile());
        ImageIO.write(mask, "png", seg.resolve("seg_mask.png").toFile());
        return seg;
    }

    @Test
    void readsHeldOutInkFromTheSurfaceAndTheGreyBaselineFindsTheInkLayer() throws Exception {
        Path seg = writeSegment(dir);
        InkRun.Task task = new InkRun.Task(seg, null, TrainingDefaults.model(1024, 300, 1), 0, 1);
        List<String> log = new ArrayList<>();
        InkResult r = InkRun.run(dir.resolve("run"), task, log::add);
        assertEquals(NX / 2 + "," + 0 + "," + NX + "," + NY, r.labelBox());
        long inkRight = 0;
        for (int y = 0; y < NY; y++) for (int x = NX / 2; x < NX; x++) if (ink(x, y)) inkRight++;
        assertEquals((long) (NX / 2) * NY, r.heldOutPixels(), "the held-out right half lies inside the mask");
        assertEquals(inkRight, r.heldOutInk());
        assertEquals((long) (NX / 2 - 2) * NY, r.trainedPixels() + r.validationPixels(), "the two masked columns are neither learned nor scored");
        // 6 sigmas of contrast at layer 4: the grey threshold finds that layer and nearly every ink pixel
        assertTrue(r.grey().rule().startsWith("layer 4, grey ≥"), r.grey().rule());
        assertTrue(r.grey().f05() > 0.9, "grey F0.5 " + r.grey().f05());
        // the held-out strokes are new shapes: the AUNN reads them from the surface it learned
        assertTrue(r.aunn().f05() > 0.7, "AUNN F0.5 " + r.aunn().f05() + " (" + r.aunn() + ")");
        BufferedImage overlay = ImageIO.read(dir.resolve("run").resolve(InkRun.OVERLAY).toFile());
        assertEquals(NX, overlay.getWidth());
        assertEquals(0, overlay.getRGB(0, 5) & 0xFFFFFF, "masked pixels are black");
        assertTrue(Files.isRegularFile(dir.resolve("run").resolve(InkRun.RESULT)));
        // the directory is bound to its task: other labels held out are refused, not resumed on
        InkRun.Task other = new InkRun.Task(seg, new LabelBox(0, 0, 24, 24), task.model(), 0, 1);
        RegionException e = assertThrows(RegionException.class, () -> InkRun.run(dir.resolve("run"), other, l -> { }));
        assertTrue(e.getMessage().contains("with labels 24,0,48,24 held out"), e.getMessage());
    }

    @Test
    void aBoxOutsideTheLabelsOrOneWithoutKnownInkIsAnInputError() throws Exception {
        Path seg = writeSegment(dir);
        InkRun.Task outside = new InkRun.Task(seg, new LabelBox(10, 0, 60, 24), TrainingDefaults.model(256, 5, 1), 0, 1);
        RegionException e = assertThrows(RegionException.class, () -> InkRun.run(dir.resolve("a"), outside, l -> { }));
        assertTrue(e.getMessage().contains("leaves the 48×24 labels of segment seg"), e.getMessage());
        InkRun.Task all = new InkRun.Task(seg, new LabelBox(0, 0, 48, 24), TrainingDefaults.model(256, 5, 1), 0, 1);
        assertThrows(RegionException.class, () -> InkRun.run(dir.resolve("b"), all, l -> { }));
    }
}
