package org.scrollwork.io.zarr;

import java.nio.file.Path;
import net.imglib2.FinalInterval;
import net.imglib2.view.Views;
import org.scrollwork.io.Volume;
import org.scrollwork.io.Volumes;

/** Test harness run in a child JVM with a small heap: prints the sum of a box of an OME-Zarr level. */
public final class LazyRegionSum {
    private LazyRegionSum() {}

    /** Arguments: store, then min x y z and size x y z. */
    public static void main(String[] args) {
        Volume<?> v = new OmeZarrFormat().createReader().read(Path.of(args[0]));
        long[] min = {Long.parseLong(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3])};
        long[] max = {min[0] + Long.parseLong(args[4]) - 1, min[1] + Long.parseLong(args[5]) - 1, min[2] + Long.parseLong(args[6]) - 1};
        System.out.println((long) Volumes.sum(Views.interval(v.image(), new FinalInterval(min, max))));
    }
}
