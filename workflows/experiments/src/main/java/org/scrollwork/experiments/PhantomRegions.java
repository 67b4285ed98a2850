package org.scrollwork.experiments;

import net.imglib2.view.Views;
import org.scrollwork.io.Volume;
import org.scrollwork.phantom.Phantom;
import org.scrollwork.phantom.PhantomConfig;
import org.scrollwork.phantom.PhantomGenerator;

/** Small scan regions of phantom scrolls, the data most experiments train on. */
public final class PhantomRegions {
    private PhantomRegions() {}

    /**
     * The central {@code crop × crop × crop/2} voxels of the fine (4 µm) scan of the phantom with this
     * seed and text ({@code text == null}: the default text), as a zero-based view with the scan's metadata.
     */
    public static Volume<?> central(long seed, String text, int crop) {
        PhantomConfig c = PhantomConfig.defaults().withSeed(seed);
        if (text != null) c = c.withText(text);
        return central(PhantomGenerator.generate(c), crop);
    }

    /** The central {@code crop × crop × crop/2} voxels of the phantom's fine scan. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static Volume<?> central(Phantom p, int crop) {
        Volume<?> scan = p.fine().scans().get(0);
        long[] s = scan.shape();
        long cx = Math.min(crop, s[0]), cy = Math.min(crop, s[1]), cz = Math.min(Math.max(1, crop / 2), s[2]);
        long x0 = (s[0] - cx) / 2, y0 = (s[1] - cy) / 2, z0 = (s[2] - cz) / 2;
        return new Volume(Views.zeroMin(Views.interval(scan.image(), new long[] {x0, y0, z0}, new long[] {x0 + cx - 1, y0 + cy - 1, z0 + cz - 1})),
                scan.meta());
    }
}
