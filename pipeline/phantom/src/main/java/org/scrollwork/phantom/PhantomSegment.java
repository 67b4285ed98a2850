package org.scrollwork.phantom;

import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;

/**
 * The recto (inner, written) surface of a phantom's sheet as a Vesuvius Challenge segment: a surface
 * volume whose layers run parallel to the sheet, with the ink labels and the mask of the unrolled sheet.
 * {@link PhantomWriter} writes it as {@code segment/<id>/layers/*.tif}, {@code <id>_inklabels.png} and
 * {@code <id>_mask.png}, the layout that {@code org.scrollwork.io.vesuvius.Segment} reads.
 *
 * <p>The surface volume is the fine scan at the first beam energy (with its noise) sampled by trilinear
 * interpolation: x is the arc length along the sheet from its outer end ({@code s = (x + 0.5) w}, the
 * reading direction), y the height along the scroll axis ({@code z = (y + 0.5) w}, so row 0 is the
 * bottom of the sheet), and layer {@code k} lies at {@code (k - layers/2) w} from the ink's mid-depth
 * below the recto surface, positive into the sheet; layer {@code layers/2} is the {@link #inkLayer() ink
 * layer}, and lower layers lie towards the core ({@code w} is the fine voxel size). The ink labels are
 * 255 where the text layout inks the recto, the mask 255 where every layer lies inside the scan; both are
 * 0 elsewhere, and the labels are 0 wherever the mask is. Layers outside the scan are 0.
 *
 * @param id        the segment's folder name, {@code recto-<fine voxel>} ({@code recto-4um})
 * @param surface   uint8, {@code columns x rows x layers}
 * @param inkLabels uint8, {@code columns x rows x 1}: 255 = ink, 0 = none
 * @param mask      uint8, {@code columns x rows x 1}: 255 = valid surface, 0 = outside the scan
 */
public record PhantomSegment(String id, Volume<?> surface, Volume<?> inkLabels, Volume<?> mask) {
    /** Layers of the surface volume unless asked otherwise. */
    public static final int DEFAULT_LAYERS = 16;

    public PhantomSegment {
        long[] s = surface.shape();
        for (Volume<?> image : new Volume<?>[] {surface, inkLabels, mask}) {
            if (image.dataType() != DataType.UINT8) throw new IllegalArgumentException("segment volumes are uint8: " + image.dataType().numpyName());
        }
        for (Volume<?> image : new Volume<?>[] {inkLabels, mask}) {
            long[] p = image.shape();
            if (p[0] != s[0] || p[1] != s[1] || p[2] != 1) {
                throw new IllegalArgumentException("segment labels are " + s[0] + " x " + s[1] + " x 1, got " + p[0] + " x " + p[1] + " x " + p[2]);
            }
        }
    }

    /** The segment of a phantom's recto with {@value #DEFAULT_LAYERS} layers. */
    public static PhantomSegment of(Phantom phantom) { return of(phantom, DEFAULT_LAYERS); }

    /**
     * The segment of a phantom's recto with {@code layers} layers (at least one).
     *
     * @throws ArithmeticException when the surface volume would hold more than 2^31-1 voxels
     */
    public static PhantomSegment of(Phantom phantom, int layers) {
        SegmentRenderer r = new SegmentRenderer(phantom, layers).render();
        PhantomLevel fine = phantom.fine();
        String id = "recto-" + fine.voxelLabel();
        String scanId = phantom.groundTruth().scrollId() + "-" + id;
        ScanMetadata scan = fine.scans().get(0).meta();
        ScanMetadata labels = fine.ink().meta().toBuilder().scanId(scanId).build();
        String energy = scan.beamEnergyKeV().map(e -> PhantomVolume.number(e) + " keV ").orElse("");
        ScanMetadata surfaceMeta = scan.toBuilder().scanId(scanId).provenance("content", "surface volume: the " + energy + "scan along the recto, "
                + layers + " layers one voxel apart, layer " + layers / 2 + " at the ink's mid-depth, lower layers towards the core").build();
        long[] plane = {r.columns, r.rows, 1};
        return new PhantomSegment(id,
                Volumes.wrap(r.surface, new long[] {r.columns, r.rows, layers}, surfaceMeta),
                Volumes.wrap(r.ink, plane, labels.withProvenance("content", "ink labels: 255 = ink on the recto, 0 = no ink or outside the mask")),
                Volumes.wrap(r.mask, plane, labels.withProvenance("content", "segment mask: 255 = every layer inside the scan, 0 = not")));
    }

    /** The layer through the middle of the ink: {@code layers / 2}. */
    public int inkLayer() { return (int) (surface.shape()[2] / 2); }

    /** The file name of the ink labels in the segment's folder: {@code <id>_inklabels.png}. */
    public String inkLabelsFile() { return id + "_inklabels.png"; }

    /** The file name of the mask in the segment's folder: {@code <id>_mask.png}. */
    public String maskFile() { return id + "_mask.png"; }
}
