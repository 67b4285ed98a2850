package org.scrollwork.io.zarr;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.scrollwork.io.FormatException;

/**
 * Where the keys of a Zarr store are read from: a local folder ({@link FileZarrStore}) or an HTTP(S) base URL
 * ({@link HttpZarrStore}, with {@link CachingZarrStore} in front of it by default). Keys are relative and '/'-separated
 * ({@code ".zattrs"}, {@code "0/.zarray"}, {@code "0/1/2/3"}); keys taken from metadata pass {@link ZarrKeys#normalize}
 * first, so no key leaves the store (no {@code ".."}, no absolute keys, no URLs). Implementations are safe for
 * concurrent reads.
 */
public interface ZarrStore {
    /**
     * The bytes stored under {@code key}, or empty when the store holds none (a missing chunk reads as the fill value).
     *
     * @param maxBytes a value larger than this is refused before it is read in full
     * @throws FormatException naming the key's file or URL when it is larger than {@code maxBytes}, lies outside the store,
     *     or (over HTTP) cannot be fetched
     * @throws java.io.UncheckedIOException when a local file exists but cannot be read
     */
    Optional<byte[]> read(String key, long maxBytes);

    /**
     * A hint that {@code keys} are about to be {@link #read}, in this order: a store read over the network may fetch them
     * now, several at a time, into a local cache ({@link CachingZarrStore}). Does nothing by default.
     *
     * @throws FormatException as {@link #read} does, for a key that cannot be fetched
     */
    default void prefetch(List<String> keys, long maxBytes) {}

    /**
     * The path naming {@code key} in {@link FormatException}s raised while parsing it: its file, for a folder (checked to
     * lie inside it); the key as a relative path, for a URL ({@link #named} then names its URL).
     */
    Path path(String key);

    /** {@code e} as this store names things: unchanged for a folder; for a URL, a key's relative path becomes its URL. */
    default FormatException named(FormatException e) { return e; }

    /** The store as given (a folder or a URL), for messages and provenance. */
    String location();
}
