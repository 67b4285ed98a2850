package org.scrollwork.phantom;

import java.util.stream.IntStream;

/**
 * Samples a phantom's fine scan on layers parallel to the sheet's recto surface and draws the ink and
 * mask images beside them, into primitive arrays (x fastest); the arithmetic behind {@link PhantomSegment}.
 *
 * <p>Column {@code u} is arc length {@code s = (u + 0.5) w}, row {@code v} is height {@code z = (rows - v - 0.5) w} (row 0 at the top, as the images are read)
 * ({@code w} the fine voxel size); layer {@code k} of {@code L} lies at the radial offset
 * {@code rectoSurface(s, z) + inkDepth/2 + (k - L/2) w}, so layer {@code L/2} runs through the middle of
 * the ink and lower layers lie towards the core. Rows render in parallel; the result does not depend on
 * the number of threads.
 */
final class SegmentRenderer {
    static final byte ON = (byte) 255;

    private final SpiralGeometry geometry;
    private final SheetMaterial material;
    private final TextLayout layout;
    private final TrilinearSampler scan;
    private final double voxelUm, inkDepthUm;

    final int columns, rows, layers;
    /** The surface volume, {@code columns x rows x layers}; 0 where a layer's point is outside the scan. */
    final byte[] surface;
    /** 255 where the layout inks the recto at the column's and row's {@code (s, z)} and the mask is set, else 0. */
    final byte[] ink;
    /** 255 where every layer's point lies inside the scan, else 0. */
    final byte[] mask;

    SegmentRenderer(Phantom phantom, int layers) {
        if (layers < 1) throw new IllegalArgumentException("a segment has at least one layer: " + layers);
        PhantomConfig c = phantom.config();
        PhantomLevel fine = phantom.fine();
        geometry = new SpiralGeometry(c);
        material = new SheetMaterial(c, geometry.sheetLengthUm());
        layout = new TextLayout(c.normalizedText(), geometry.sheetLengthUm(), c.sizeZ() * c.fineVoxelUm(), c.letterHeightUm(), c.lettersPerLine());
        voxelUm = fine.voxelSizeUm();
        inkDepthUm = c.inkDepthUm();
        scan = new TrilinearSampler(PhantomLevel.voxels(fine.scans().get(0)), fine.shape(), voxelUm);
        this.layers = layers;
        columns = (int) Math.floor(geometry.sheetLengthUm() / voxelUm);
        rows = (int) fine.shape()[2];
        int pixels = Math.multiplyExact(columns, rows);
        surface = new byte[Math.multiplyExact(pixels, layers)];
        ink = new byte[pixels];
        mask = new byte[pixels];
    }

    /** Renders everything; call once. */
    SegmentRenderer render() {
        IntStream.range(0, rows).parallel().forEach(this::renderRow);
        return this;
    }

    private void renderRow(int v) {
        double z = (rows - v - 0.5) * voxelUm; // row 0 at the top of the scroll, so the text reads upright in the images
        SpiralGeometry.Slice slice = geometry.slice(z);
        double[] xy = new double[2];
        int plane = columns * rows;
        for (int u = 0; u < columns; u++) {
            double s = (u + 0.5) * voxelUm;
            double inkMiddle = material.rectoSurface(s, z) + inkDepthUm / 2;
            boolean inside = true;
            int pixel = v * columns + u;
            for (int k = 0; k < layers; k++) {
                slice.toXY(s, inkMiddle + (k - layers / 2) * voxelUm, xy);
                double grey = scan.at(xy[0], xy[1], z);
                if (Double.isNaN(grey)) inside = false;
                else surface[k * plane + pixel] = XrayModel.toByte(grey);
            }
            if (!inside) continue;
            mask[pixel] = ON;
            if (inked(s, z)) ink[pixel] = ON;
        }
    }

    /** Whether the layout's pen stroke covers the recto at {@code (s, z)}. */
    private boolean inked(double s, double z) {
        int letter = layout.letterAt(s, z);
        return letter >= 0 && layout.strokeDistance(letter, s, z) < layout.strokeWidthUm() / 2;
    }
}
