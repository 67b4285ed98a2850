package org.scrollwork.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scan facts no image format has a field for (scroll id, scan id, beam energy), as string
 * key/value pairs that formats store in whatever free-form place they have: ImageJ description lines
 * in TIFF, a {@code "scrollwork"} object in OME-Zarr's {@code .zattrs}, key/value lines in NRRD,
 * attributes in HDF5. Keys: {@value #SCROLL_ID}, {@value #SCAN_ID}, {@value #BEAM_ENERGY_KEV}.
 */
public final class ScanAttributes {
    public static final String SCROLL_ID = "scrollId";
    public static final String SCAN_ID = "scanId";
    public static final String BEAM_ENERGY_KEV = "beamEnergyKeV";

    private ScanAttributes() {}

    /** The attributes of a metadata record; absent fields are left out. */
    public static Map<String, String> of(ScanMetadata m) {
        Map<String, String> a = new LinkedHashMap<>();
        m.scrollId().ifPresent(v -> a.put(SCROLL_ID, v));
        m.scanId().ifPresent(v -> a.put(SCAN_ID, v));
        m.beamEnergyKeV().ifPresent(v -> a.put(BEAM_ENERGY_KEV, Double.toString(v)));
        return a;
    }

    /**
     * Sets the builder's fields from attributes; unknown keys are ignored.
     *
     * @throws FormatException naming {@code file} when a value is malformed (an energy that is not a positive number)
     */
    public static ScanMetadata.Builder apply(Map<String, String> attributes, ScanMetadata.Builder b, Path file) {
        String scroll = attributes.get(SCROLL_ID);
        if (scroll != null && !scroll.isBlank()) b.scrollId(scroll.trim());
        String scan = attributes.get(SCAN_ID);
        if (scan != null && !scan.isBlank()) b.scanId(scan.trim());
        String energy = attributes.get(BEAM_ENERGY_KEV);
        if (energy != null) {
            double e;
            try {
                e = Double.parseDouble(energy.trim());
            } catch (NumberFormatException ex) {
                throw new FormatException(file, "beam energy '" + printable(energy) + "' is not a number");
            }
            if (!(e > 0) || Double.isInfinite(e)) throw new FormatException(file, "beam energy " + printable(energy) + " keV is not positive");
            b.beamEnergyKeV(e);
        }
        return b;
    }

    /** A value as a message quotes it: cut to 80 characters, control characters (line ends included) as '?'. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 80; i++) b.append(Character.isISOControl(s.charAt(i)) ? '?' : s.charAt(i));
        return s.length() > 80 ? b.append("...").toString() : b.toString();
    }
}
