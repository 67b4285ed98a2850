package org.scrollwork.pipeline.run;

import net.imglib2.view.Views;
import org.scrollwork.io.Volume;

/** The box of a scan that a run learns (centred, or chosen with {@code --box}): origin and size in voxels {@code [x, y, z]}. */
public record Region(long[] origin, long[] size) {
    /** Slices a region needs: every second one is held out and each held-out slice has a known one on either side. */
    static final int MIN_SLICES = 3;

    /** {@link #centred(long[], int, String, HoldOutAxis)} holding out z slices. */
    public static Region centred(long[] shape, int crop, String source) { return centred(shape, crop, source, HoldOutAxis.Z); }

    /**
     * A centred region of edge {@code crop} in x and y and half that (at least 3) in z, clipped to the scan.
     *
     * @throws RegionException when the scan has fewer than {@value #MIN_SLICES} planes along the hold-out axis
     */
    public static Region centred(long[] shape, int crop, String source, HoldOutAxis axis) { return centred(shape, crop, source, axis, MIN_SLICES); }

    /** As {@link #centred(long[], int, String, HoldOutAxis)}, needing {@code minPlanes} planes along the axis (1 for held-out voxels). */
    static Region centred(long[] shape, int crop, String source, HoldOutAxis axis, int minPlanes) {
        long cx = Math.min(crop, shape[0]), cy = Math.min(crop, shape[1]), cz = Math.min(Math.max(MIN_SLICES, crop / 2), shape[2]);
        long[] size = {cx, cy, cz};
        if (size[axis.index()] < minPlanes) throw fewPlanes(source, shape, axis);
        return new Region(new long[] {(shape[0] - cx) / 2, (shape[1] - cy) / 2, (shape[2] - cz) / 2}, size);
    }

    /** {@link #box(long[], long[], String, HoldOutAxis)} holding out z slices. */
    public static Region box(long[] shape, long[] box, String source) { return box(shape, box, source, HoldOutAxis.Z); }

    /**
     * The box {@code x0,y0,z0,x1,y1,z1} (ends exclusive) of a scan of this shape.
     *
     * @throws RegionException naming the box and the scan's size when the box is empty, leaves the scan, or has fewer than
     *                         {@value #MIN_SLICES} slices
     */
    public static Region box(long[] shape, long[] box, String source, HoldOutAxis axis) { return box(shape, box, source, axis, MIN_SLICES); }

    /** As {@link #box(long[], long[], String, HoldOutAxis)}, needing {@code minPlanes} planes along the axis (1 for held-out voxels). */
    static Region box(long[] shape, long[] box, String source, HoldOutAxis axis, int minPlanes) {
        String named = "box " + box[0] + "," + box[1] + "," + box[2] + "," + box[3] + "," + box[4] + "," + box[5];
        String size = shape[0] + "×" + shape[1] + "×" + shape[2] + " (x, y, z)";
        for (int a = 0; a < 3; a++) {
            if (box[a + 3] <= box[a]) {
                throw new RegionException(named + " is empty along " + "xyz".charAt(a) + " (" + box[a] + " to " + box[a + 3]
                        + "; ends are exclusive) in " + source + ", of size " + size);
            }
            if (box[a] < 0 || box[a + 3] > shape[a]) {
                throw new RegionException(named + " leaves " + source + " along " + "xyz".charAt(a) + ": the volume's size is " + size
                        + ", so " + "xyz".charAt(a) + " runs from 0 to at most " + shape[a]);
            }
        }
        int a = axis.index();
        if (box[a + 3] - box[a] < minPlanes) {
            throw new RegionException(named + " has " + (box[a + 3] - box[a]) + " " + axis.planes() + " along " + axis.letter()
                    + "; a run holds out every second one and needs at least " + MIN_SLICES + " (" + source + " is " + size + ")");
        }
        return new Region(new long[] {box[0], box[1], box[2]}, new long[] {box[3] - box[0], box[4] - box[1], box[5] - box[2]});
    }

    private static RegionException fewPlanes(String source, long[] shape, HoldOutAxis axis) {
        long n = shape[axis.index()];
        String what = n + " " + (n == 1 ? axis.planes().substring(0, axis.planes().length() - 1) : axis.planes());
        return new RegionException(source + " (" + shape[0] + "×" + shape[1] + "×" + shape[2] + ") has " + what + " along " + axis.letter()
                + "; a run holds out every second one and needs at least " + MIN_SLICES
                + (axis == HoldOutAxis.Z ? ": give a volume (a TIFF stack, a slice folder, a volume package's volume), or hold out rows of a "
                        + "single slice with --hold-out-axis y" : ""));
    }

    /** The region of a volume (a lazy view, zero-based), with the volume's metadata. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Volume<?> of(Volume<?> v) {
        long[] max = {origin[0] + size[0] - 1, origin[1] + size[1] - 1, origin[2] + size[2] - 1};
        return new Volume(Views.zeroMin(Views.interval(v.image(), origin, max)), v.meta());
    }

    /** True when scan voxel {@code (x, y, z)} lies in the region. */
    public boolean contains(long x, long y, long z) {
        return x >= origin[0] && x < origin[0] + size[0] && y >= origin[1] && y < origin[1] + size[1] && z >= origin[2] && z < origin[2] + size[2];
    }

    @Override public String toString() {
        return size[0] + "×" + size[1] + "×" + size[2] + " at " + origin[0] + "," + origin[1] + "," + origin[2];
    }
}
