package org.scrollwork.io.vesuvius;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.VoxelSize;

/**
 * Scan metadata that Vesuvius Challenge names carry, e.g. {@code 20231201141544-3.240um-70keV-masked.zarr}
 * inside {@code PHerc0332/volumes/}: the scan id (a 14-digit timestamp), an isotropic voxel size
 * ({@code <number>um}), the beam energy ({@code <number>keV}), and the scroll id from the file name's
 * {@code PHerc...} prefix or the nearest parent folder named {@code Scroll<n>}, {@code PHerc<n>} or
 * {@code PHercParis<n>}. Parts a name does not show stay absent.
 */
public final class VesuviusNames {
    private static final Pattern SCAN_ID = Pattern.compile("(?<![0-9])([0-9]{14})(?![0-9])");
    private static final Pattern VOXEL = Pattern.compile("(?<![0-9.])([0-9]+(?:\\.[0-9]+)?)um(?![a-z])", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENERGY = Pattern.compile("(?<![0-9.])([0-9]+(?:\\.[0-9]+)?)kev(?![a-z])", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCROLL = Pattern.compile("^(Scroll[0-9]+[A-Za-z]?|PHerc(?:Paris)?[0-9]+[A-Za-z]?)(?:$|[-_.])", Pattern.CASE_INSENSITIVE);

    private VesuviusNames() {}

    /** How many path components (the file name and its parents) are searched for scan facts. */
    private static final int SCAN_DEPTH = 3;

    /**
     * What the path's file name and parent folders say; the data type is the caller's. Each of scan id,
     * voxel size and energy comes from the nearest of the file name and its two parent folders that shows
     * it (a slice {@code 20230205180739/00001.tif} belongs to scan 20230205180739).
     */
    public static ScanMetadata parse(Path path, DataType dataType) {
        ScanMetadata.Builder b = ScanMetadata.builder(dataType);
        boolean scan = false;
        boolean voxel = false;
        boolean energy = false;
        Path p = path;
        for (int depth = 0; depth < SCAN_DEPTH && p != null && p.getFileName() != null; depth++, p = p.getParent()) {
            String n = p.getFileName().toString();
            Matcher m = SCAN_ID.matcher(n);
            if (!scan && m.find()) {
                b.scanId(m.group(1));
                scan = true;
            }
            m = VOXEL.matcher(n);
            if (!voxel && m.find() && Double.parseDouble(m.group(1)) > 0) {
                b.voxelSizeUm(VoxelSize.isotropic(Double.parseDouble(m.group(1))));
                voxel = true;
            }
            m = ENERGY.matcher(n);
            if (!energy && m.find() && Double.parseDouble(m.group(1)) > 0) {
                b.beamEnergyKeV(Double.parseDouble(m.group(1)));
                energy = true;
            }
        }
        scrollId(path).ifPresent(b::scrollId);
        return b.build();
    }

    /** The scroll id from the file name's prefix or the nearest matching parent folder. */
    public static Optional<String> scrollId(Path path) {
        for (Path p = path; p != null && p.getFileName() != null; p = p.getParent()) {
            Matcher m = SCROLL.matcher(p.getFileName().toString());
            if (m.find()) return Optional.of(m.group(1));
        }
        return Optional.empty();
    }
}
