package org.scrollwork.io;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a scan is read from, as given on a command line: a local file or folder, or an {@code http://} or
 * {@code https://} URL of a store served over HTTP (an OME-Zarr store, such as the Vesuvius Challenge's). Exactly one
 * of {@link #path()} and {@link #url()} is set.
 */
public record ScanSource(Path path, URI url) {
    public ScanSource {
        if ((path == null) == (url == null)) throw new IllegalArgumentException("a scan source is a path or a URL");
    }

    /** An argument as given: a string starting with {@code http://} or {@code https://} is a URL, anything else a path. */
    public static ScanSource parse(String s) {
        if (!isUrl(s)) return new ScanSource(Path.of(s), null);
        try {
            URI u = new URI(s);
            if (u.getHost() == null) throw new IllegalArgumentException(s + ": the URL has no host");
            return new ScanSource(null, u);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(s + ": not a URL (" + e.getReason() + ")", e);
        }
    }

    public static ScanSource of(Path path) { return new ScanSource(path, null); }

    public static ScanSource of(URI url) { return new ScanSource(null, url); }

    /** Whether {@code s} starts with {@code http://} or {@code https://} (any case). */
    public static boolean isUrl(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    public boolean isUrl() { return url != null; }

    @Override public String toString() { return url != null ? url.toString() : path.toString(); }
}
