package org.scrollwork.io.zarr;

import java.net.URI;

/** The store a URL is read through when no store is given ({@code info}, {@code convert}, {@code ingest}, {@code run}, {@link org.scrollwork.io.Formats}). */
public final class RemoteZarrStores {
    private RemoteZarrStores() {}

    /**
     * An {@link HttpZarrStore} at {@code url} with {@link HttpZarrStore.Options#DEFAULTS}, behind a {@link CachingZarrStore}
     * unless {@link ZarrCacheSettings#fromEnvironment()} turns the cache off.
     *
     * @throws IllegalArgumentException when {@code url} is not an http(s) URL, or a cache setting is malformed
     */
    public static RemoteZarrStore open(URI url) {
        return open(url, ZarrCacheSettings.fromEnvironment());
    }

    /** {@link #open(URI)} with these settings. */
    public static RemoteZarrStore open(URI url, ZarrCacheSettings settings) {
        HttpZarrStore http = HttpZarrStore.open(url);
        return settings.folder().isPresent() ? new CachingZarrStore(http, settings) : http;
    }
}
