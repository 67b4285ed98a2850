package org.scrollwork.pipeline.run;

import java.util.List;
import java.util.Locale;
import net.imglib2.view.Views;
import org.scrollwork.aunn.model.GeometrySpec;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;
import org.scrollwork.io.VoxelSize;

/**
 * The axis along which a run holds out every second plane (or all but every K-th: {@link HeldOutPattern.Planes}): z (slices,
 * the default), y (rows) or x (columns). The
 * region is stored in the corpus with that axis as its last one (swapped with z), so the held-out planes are the
 * record's z slices; a single slice can thus be learned with its rows held out.
 */
public enum HoldOutAxis {
    X(0, "columns"), Y(1, "rows"), Z(2, "slices");

    private final int index;
    private final String planes;

    HoldOutAxis(int index, String planes) {
        this.index = index;
        this.planes = planes;
    }

    /** 0, 1 or 2 for x, y, z. */
    public int index() { return index; }

    /** What the held-out planes are called: slices, rows or columns. */
    public String planes() { return planes; }

    /** {@code x}, {@code y} or {@code z}. */
    public String letter() { return name().toLowerCase(Locale.ROOT); }

    /** The scan axes of the record's x, y, z, e.g. {@code "x,z,y"} for rows. */
    public String recordAxes() {
        String[] a = {"x", "y", "z"};
        String t = a[index];
        a[index] = "z";
        a[2] = t;
        return String.join(",", a);
    }

    /**
     * Grid levels given in the scan's axes, as the record reads them: each cell's edge along this axis swapped with its
     * edge along z. The default grids pool slices along the scan's z (the scroll axis, along which the sheets run);
     * with rows held out they still pool along the scan's z, not across the sheets along the held-out rows.
     */
    public List<GeometrySpec.GridLevel> recordGrids(List<GeometrySpec.GridLevel> scanGrids) {
        if (this == Z) return scanGrids;
        return scanGrids.stream().map(g -> {
            int[] c = {g.cellX(), g.cellY(), g.cellZ()};
            int t = c[index];
            c[index] = c[2];
            c[2] = t;
            return new GeometrySpec.GridLevel(c[0], c[1], c[2]);
        }).toList();
    }

    /** Parses {@code x}, {@code y} or {@code z} (any case). */
    public static HoldOutAxis parse(String s) {
        for (HoldOutAxis a : values()) if (a.letter().equalsIgnoreCase(s.trim())) return a;
        throw new RegionException("hold-out axis '" + s + "': give z (slices), y (rows) or x (columns)");
    }

    /** The region as the record stores it: this axis swapped with z (a lazy view), its voxel size swapped likewise. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Volume<?> record(Volume<?> region) {
        if (this == Z) return region;
        ScanMetadata m = region.meta();
        if (m.voxelSizeUm().isPresent()) {
            double[] v = m.voxelSizeUm().get().toArray();
            double t = v[index];
            v[index] = v[2];
            v[2] = t;
            m = m.withVoxelSize(new VoxelSize(v[0], v[1], v[2]));
        }
        return new Volume(Views.zeroMin(Views.permute(region.image(), index, 2)), m.withProvenance("recordAxes", recordAxes()));
    }
}
