package org.scrollwork.phantom;

import org.scrollwork.io.Volume;

/**
 * A phantom volume with the base name it is written under (no extension), e.g.
 * {@code scan-8um-70keV}, {@code papyrus-4um}, {@code inklabels-8um}, {@code letters-4um}.
 */
public record PhantomVolume(String name, Volume<?> volume) {
    public PhantomVolume {
        if (!name.matches("[a-z]+(-[0-9.]+(um|keV))+")) throw new IllegalArgumentException("bad phantom volume name: " + name);
    }

    /** A number as it appears in names: no trailing zeros ({@code 4}, {@code 7.91}). */
    static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
