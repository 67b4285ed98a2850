package org.scrollwork.io.zarr;

import java.net.URI;

/** A Zarr store read from an HTTP(S) base URL: {@link HttpZarrStore}, or {@link CachingZarrStore} in front of it. */
public interface RemoteZarrStore extends ZarrStore {
    /** The store's base URL, ending in {@code /}. */
    URI base();
}
