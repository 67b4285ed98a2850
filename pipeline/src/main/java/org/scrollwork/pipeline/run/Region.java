package org.scrollwork.pipeline.run;

import net.imglib2.view.Views;
import org.scrollwork.io.Volume;

/** The centred box of a scan that a run learns: origin and size in voxels {@code [x, y, z]}. */
public record Region(long[] origin, long[] size) {

    /** A centred region of edge {@code crop} in x and y and half that (at least 3) in z, clipped to the scan. */
    public static Region centred(long[] shape, int crop, String source) {
        long cx = Math.min(crop, shape[0]), cy = Math.min(crop, shape[1]), cz = Math.min(Math.max(3, crop / 2), shape[2]);
        if (cz < 3) throw new IllegalArgumentException(source + " has " + shape[2] + " slices; holding out every second one needs at least 3");
        return new Region(new long[] {(shape[0] - cx) / 2, (shape[1] - cy) / 2, (shape[2] - cz) / 2}, new long[] {cx, cy, cz});
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
