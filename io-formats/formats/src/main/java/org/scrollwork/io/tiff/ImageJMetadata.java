package org.scrollwork.io.tiff;

import org.scrollwork.io.ScanAttributes;
import org.scrollwork.io.ScanMetadata;

import java.util.Locale;
import java.util.Optional;
import org.scrollwork.io.VoxelSize;

/**
 * The ImageJ hyperstack convention for calibration: an ImageDescription such as
 * {@code "ImageJ=1.11a\nimages=5\nslices=5\nunit=micron\nspacing=6.5\nloop=false\n"} plus
 * XResolution/YResolution in pixels per unit. Fiji, tifffile and Scrollwork read it the same way.
 *
 * <p>Reading: the unit comes from the description's {@code unit=} (micron, um, µm, \u00B5m, nm, mm, cm, m,
 * inch) or, without one, from ResolutionUnit (inch or centimetre). x and y sizes are {@code 1 / resolution};
 * z is {@code spacing} when the description has one, else equal to x. Without a resolution or a known
 * unit the voxel size is absent: nothing is invented.
 */
final class ImageJMetadata {
    /** The ImageJ version string written; tifffile writes the same one. */
    static final String VERSION = "1.11a";

    private ImageJMetadata() {}

    /** The voxel size a page's calibration tags describe, in µm. */
    static Optional<VoxelSize> voxelSize(Optional<String> description, double xResolution, double yResolution, int resolutionUnit) {
        Optional<String> ijUnit = description.filter(d -> d.startsWith("ImageJ=")).flatMap(d -> value(d, "unit"));
        double umPerUnit;
        if (ijUnit.isPresent()) {
            umPerUnit = micronsPerUnit(ijUnit.get());
        } else if (resolutionUnit == TiffTags.RESOLUTION_UNIT_INCH) {
            umPerUnit = 25_400;
        } else if (resolutionUnit == TiffTags.RESOLUTION_UNIT_CM) {
            umPerUnit = 10_000;
        } else {
            return Optional.empty();
        }
        if (!(umPerUnit > 0) || !(xResolution > 0) || Double.isInfinite(xResolution)) return Optional.empty();
        double x = umPerUnit / xResolution;
        double y = (yResolution > 0 && !Double.isInfinite(yResolution)) ? umPerUnit / yResolution : x;
        double z = description.filter(d -> d.startsWith("ImageJ=")).flatMap(d -> value(d, "spacing"))
                .map(ImageJMetadata::parseDouble).filter(s -> s > 0 && !s.isInfinite()).map(s -> s * umPerUnit).orElse(x);
        if (!(x > 0 && y > 0 && z > 0) || Double.isInfinite(x + y + z)) return Optional.empty();
        return Optional.of(new VoxelSize(x, y, z));
    }

    /** The {@code images=} count of an ImageJ description, or 0 when there is none. */
    static long images(Optional<String> description) {
        return description.filter(d -> d.startsWith("ImageJ=")).flatMap(d -> value(d, "images")).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    /** Micrometres per unit for an ImageJ unit name, or NaN for units without a length (pixel) or unknown ones. */
    static double micronsPerUnit(String unit) {
        String u = unit.trim().replace("\\u00B5", "\u00B5").replace("\\u00b5", "\u00B5").replace('\u03BC', '\u00B5').toLowerCase(Locale.ROOT);
        switch (u) {
            case "micron": case "microns": case "um": case "\u00B5m": case "micrometer": case "micrometre": return 1;
            case "nm": case "nanometer": case "nanometre": return 1e-3;
            case "mm": case "millimeter": case "millimetre": return 1e3;
            case "cm": case "centimeter": case "centimetre": return 1e4;
            case "m": case "meter": case "metre": return 1e6;
            case "inch": case "in": return 25_400;
            default: return Double.NaN;
        }
    }

    /** The description Scrollwork writes for a stack of {@code pages} pages, with calibration when known. */
    static String description(int pages, ScanMetadata meta) {
        StringBuilder s = new StringBuilder("ImageJ=").append(VERSION).append('\n');
        if (pages > 1) s.append("images=").append(pages).append('\n').append("slices=").append(pages).append('\n');
        meta.voxelSizeUm().ifPresent(v -> s.append("unit=micron\n").append("spacing=").append(v.zUm()).append('\n'));
        s.append("loop=false\n");
        // ImageJ ignores keys it does not know; Scrollwork keeps the scan facts TIFF has no tag for here.
        ScanAttributes.of(meta).forEach((k, v) -> s.append(PREFIX).append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
        return s.toString();
    }

    /** Key prefix of the Scrollwork scan attributes in an ImageJ description. */
    static final String PREFIX = "scrollwork.";

    /** The Scrollwork scan attributes of an ImageJ description ({@code scrollwork.KEY=VALUE} lines). */
    static java.util.Map<String, String> scanAttributes(Optional<String> description) {
        java.util.Map<String, String> a = new java.util.LinkedHashMap<>();
        description.filter(d -> d.startsWith("ImageJ=")).ifPresent(d -> {
            for (String line : d.split("\n")) {
                int eq = line.indexOf('=');
                if (line.startsWith(PREFIX) && eq > PREFIX.length()) a.put(line.substring(PREFIX.length(), eq).trim(), line.substring(eq + 1).trim());
            }
        });
        return a;
    }

    /**
     * The best rational approximation {@code [numerator, denominator]} of a positive value with both
     * parts in the unsigned 32-bit range, by continued fractions (exact for values like {@code 25/81}).
     */
    static long[] rational(double value) {
        final long max = 0xFFFF_FFFFL;
        if (!(value > 0) || Double.isInfinite(value)) throw new IllegalArgumentException("not a positive finite value: " + value);
        if (value >= max) return new long[] {max, 1};
        long p0 = 0, q0 = 1, p1 = 1, q1 = 0;
        double x = value;
        for (int i = 0; i < 64; i++) {
            double a = Math.floor(x);
            long p2 = (long) a * p1 + p0;
            long q2 = (long) a * q1 + q0;
            if (a > max || p2 > max || q2 > max || p2 < 0 || q2 < 0) break;
            p0 = p1; q0 = q1; p1 = p2; q1 = q2;
            double frac = x - a;
            if (frac < 1e-12 || Math.abs((double) p1 / q1 - value) <= Math.ulp(value)) break;
            x = 1 / frac;
        }
        if (p1 == 0) return new long[] {1, max};
        return new long[] {p1, q1};
    }

    private static Optional<String> value(String description, String key) {
        for (String line : description.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).trim().equals(key)) return Optional.of(line.substring(eq + 1).trim());
        }
        return Optional.empty();
    }

    private static Double parseDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
