package org.scrollwork.io.zarr;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where {@link CachingZarrStore} keeps what it fetched, how much, and how many chunks it fetches at once: each setting a
 * system property, else an environment variable, else its default.
 * <ul>
 *   <li>{@value #FOLDER_PROPERTY} / {@value #FOLDER_ENV}: the cache folder, or {@code off} for no cache; by default
 *       {@code $SCROLLWORK_CACHE/zarr}, else {@code $XDG_CACHE_HOME/scrollwork/zarr}, else {@code ~/.cache/scrollwork/zarr};</li>
 *   <li>{@value #MAX_BYTES_PROPERTY} / {@value #MAX_BYTES_ENV}: the most the folder holds, in bytes or with a binary
 *       suffix {@code k}, {@code m}, {@code g}, {@code t} ({@code 2g} is 2 GiB, the default);</li>
 *   <li>{@value #FETCHES_PROPERTY} / {@value #FETCHES_ENV}: chunks fetched at once (8 by default).</li>
 * </ul>
 *
 * @param folder the cache folder; empty when caching is off
 * @param maxBytes the most the folder holds before least recently used entries are evicted
 * @param fetches requests a store sends at once when fetching a region's chunks ahead
 */
public record ZarrCacheSettings(Optional<Path> folder, long maxBytes, int fetches) {
    public static final String FOLDER_PROPERTY = "scrollwork.zarr.cache";
    public static final String FOLDER_ENV = "SCROLLWORK_ZARR_CACHE";
    public static final String MAX_BYTES_PROPERTY = "scrollwork.zarr.cacheBytes";
    public static final String MAX_BYTES_ENV = "SCROLLWORK_ZARR_CACHE_BYTES";
    public static final String FETCHES_PROPERTY = "scrollwork.zarr.fetches";
    public static final String FETCHES_ENV = "SCROLLWORK_ZARR_FETCHES";
    /** The folder setting that turns the cache off. */
    public static final String OFF = "off";
    public static final long DEFAULT_MAX_BYTES = 2L << 30;
    public static final int DEFAULT_FETCHES = 8;

    public ZarrCacheSettings {
        if (maxBytes < 1) throw new IllegalArgumentException("the Zarr cache bound must be at least 1 byte, got " + maxBytes);
        if (fetches < 1) throw new IllegalArgumentException("at least one fetch at a time, got " + fetches);
    }

    /** A cache in {@code folder} with the default bound and fetches. */
    public static ZarrCacheSettings in(Path folder) {
        return new ZarrCacheSettings(Optional.of(folder), DEFAULT_MAX_BYTES, DEFAULT_FETCHES);
    }

    /** The settings of this process (system properties, then environment variables). */
    public static ZarrCacheSettings fromEnvironment() {
        return from(System::getProperty, System::getenv);
    }

    /**
     * The settings that {@code properties} and {@code env} give (each answers null for what is unset).
     *
     * @throws IllegalArgumentException naming the setting when its value is malformed
     */
    static ZarrCacheSettings from(UnaryOperator<String> properties, UnaryOperator<String> env) {
        Setting folder = Setting.of(properties, env, FOLDER_PROPERTY, FOLDER_ENV);
        Optional<Path> f;
        if (folder == null) f = Optional.of(defaultFolder(properties, env));
        else if (folder.value().equalsIgnoreCase(OFF)) f = Optional.empty();
        else f = Optional.of(Path.of(folder.value()).toAbsolutePath());
        Setting bytes = Setting.of(properties, env, MAX_BYTES_PROPERTY, MAX_BYTES_ENV);
        Setting fetches = Setting.of(properties, env, FETCHES_PROPERTY, FETCHES_ENV);
        return new ZarrCacheSettings(f, bytes == null ? DEFAULT_MAX_BYTES : size(bytes.value(), bytes.name()),
                fetches == null ? DEFAULT_FETCHES : count(fetches.value(), fetches.name()));
    }

    /** A setting that is set: the property's or variable's name, and its value (trimmed). */
    private record Setting(String name, String value) {
        /** The property, else the variable; null when both are unset or blank. */
        static Setting of(UnaryOperator<String> properties, UnaryOperator<String> env, String property, String variable) {
            String p = properties.apply(property);
            if (p != null && !p.isBlank()) return new Setting(property, p.trim());
            String e = env.apply(variable);
            return e != null && !e.isBlank() ? new Setting(variable, e.trim()) : null;
        }
    }

    private static Path defaultFolder(UnaryOperator<String> properties, UnaryOperator<String> env) {
        String scrollwork = env.apply("SCROLLWORK_CACHE");
        if (scrollwork != null && !scrollwork.isBlank()) return Path.of(scrollwork).toAbsolutePath().resolve("zarr");
        String xdg = env.apply("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "scrollwork", "zarr"); // relative: ignored, as the XDG spec says
        return Path.of(properties.apply("user.home"), ".cache", "scrollwork", "zarr");
    }

    /** {@code 2147483648}, {@code 2g}, {@code 512M}, {@code 1.5GiB}: bytes, binary multiples. */
    static long size(String value, String name) {
        String v = value.trim().toLowerCase(Locale.ROOT).replaceFirst("i?b$", "");
        int shift = 0;
        if (!v.isEmpty()) {
            int unit = "kmgt".indexOf(v.charAt(v.length() - 1));
            if (unit >= 0) {
                shift = 10 * (unit + 1);
                v = v.substring(0, v.length() - 1).trim();
            }
        }
        try {
            double n = Double.parseDouble(v);
            double bytes = Math.scalb(n, shift);
            if (!(bytes >= 1) || bytes > Long.MAX_VALUE || v.matches(".*[^0-9.].*")) throw new NumberFormatException();
            return (long) bytes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a size (bytes, or a number followed by k, m, g or t)");
        }
    }

    private static int count(String value, String name) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": '" + value + "' is not a positive whole number");
    }
}
