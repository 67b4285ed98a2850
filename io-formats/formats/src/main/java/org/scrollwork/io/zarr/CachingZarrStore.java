package org.scrollwork.io.zarr;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.scrollwork.io.FormatException;

/**
 * A {@link RemoteZarrStore} in front of another (an {@link HttpZarrStore}) that keeps what it fetched in a folder on
 * disk ({@link StoreCacheFolder}), bounded ({@link CacheEviction}), shared by every process that uses the folder, and
 * read again offline. Absent keys (404, 410) are kept as absent, so that reading a region again sends no request.
 * <ul>
 *   <li>Chunks are taken as immutable: one in the cache is read from there and never fetched again.</li>
 *   <li>Metadata documents ({@code .zarray}, {@code .zattrs}, {@code .zgroup}, {@code zarr.json}: a key whose last part
 *       starts with a dot or is {@code zarr.json}) are fetched again the first time this store reads each, so that a
 *       store changed on the server is seen; later reads of the same document take it from the cache. When that fetch
 *       fails (the server cannot be reached or answers with an error, after the remote's retries), the cached copy is used, and this
 *       store stops fetching cached metadata again (offline, one round of retries in all, not one per document).</li>
 *   <li>A key that is not cached is fetched from the remote, whose errors (one line, naming the URL) are this store's:
 *       nothing is cached for a key that failed, so a failure never reads as a fill-value chunk later.</li>
 *   <li>{@link #prefetch} fetches the keys not cached yet, {@link ZarrCacheSettings#fetches()} at once.</li>
 * </ul>
 * A damaged entry (checksum, length or key wrong, unreadable) is dropped and fetched again. Thread-safe.
 */
public final class CachingZarrStore implements RemoteZarrStore {
    private final RemoteZarrStore remote;
    private final StoreCacheFolder folder;
    private final CacheEviction eviction;
    private final BoundedFetches fetches;
    /** Metadata documents fetched again (or found unreachable) since this store was made. */
    private final Set<String> revalidated = ConcurrentHashMap.newKeySet();
    private volatile boolean offline;

    /**
     * A cache of {@code remote} under {@code settings.folder()} (which must be set).
     *
     * @throws IllegalArgumentException when the settings turn caching off
     */
    public CachingZarrStore(RemoteZarrStore remote, ZarrCacheSettings settings) {
        Path root = settings.folder().orElseThrow(() -> new IllegalArgumentException("the Zarr cache is off"));
        this.remote = remote;
        this.folder = new StoreCacheFolder(root, remote.base());
        this.eviction = new CacheEviction(root, settings.maxBytes());
        this.fetches = new BoundedFetches(settings.fetches(), "zarr-fetch " + remote.base().getHost());
    }

    /** The folder holding this store's entries. */
    public Path folder() { return folder.dir(); }

    @Override public URI base() { return remote.base(); }

    @Override public Path path(String key) { return remote.path(key); }

    @Override public FormatException named(FormatException e) { return remote.named(e); }

    @Override public String location() { return remote.location(); }

    @Override public Optional<byte[]> read(String key, long maxBytes) {
        if (isMetadata(key) && !offline && revalidated.add(key)) return revalidate(key, maxBytes);
        Optional<StoreCacheFolder.Hit> hit = folder.read(key, maxBytes);
        if (hit.isPresent()) return hit.get().value();
        return fetch(key, maxBytes);
    }

    /** A metadata document fetched again; the cached copy when the fetch fails. */
    private Optional<byte[]> revalidate(String key, long maxBytes) {
        try {
            return fetch(key, maxBytes);
        } catch (FormatException e) {
            Optional<StoreCacheFolder.Hit> hit = folder.read(key, maxBytes);
            if (hit.isEmpty()) throw e;
            offline = true;
            return hit.get().value();
        }
    }

    private Optional<byte[]> fetch(String key, long maxBytes) {
        Optional<byte[]> value = remote.read(key, maxBytes);
        eviction.added(folder.write(key, value));
        return value;
    }

    @Override public void prefetch(List<String> keys, long maxBytes) {
        List<String> missing = new ArrayList<>();
        for (String key : new LinkedHashSet<>(keys)) {
            if (!isMetadata(key) && !folder.holds(key)) missing.add(key);
        }
        if (!missing.isEmpty()) fetches.run(missing, key -> fetch(key, maxBytes));
    }

    /** Whether {@code key} names a metadata document rather than a chunk. */
    static boolean isMetadata(String key) {
        String last = key.substring(key.lastIndexOf('/') + 1);
        return last.startsWith(".") || last.equals("zarr.json");
    }
}
