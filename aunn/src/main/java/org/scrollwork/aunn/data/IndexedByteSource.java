package org.scrollwork.aunn.data;

/**
 * The one thing the AUNN knows about data: a list of bytes addressed by absolute index in
 * {@code [0, 2^indexBits)}, some of them real (with a {@link Role}), the rest padding. The corpus
 * implements it over files; tests use {@link InMemoryByteSource}.
 *
 * <p>Indices of one role are enumerated in increasing order by rank: {@code index(role, k)} is the
 * k-th such index. Uniform sampling draws ranks; serial ("RNN-style") training walks them; windows
 * take consecutive ranks. Implementations answer {@code index} and {@code byteAt} in O(1) or
 * O(log records), never by scanning.
 */
public interface IndexedByteSource {

    /** Width of the index in bits (40 by default); every index is below {@code 2^indexBits()}. */
    int indexBits();

    /** Number of indices with this role. */
    long count(Role role);

    /**
     * The k-th index with this role, in increasing index order.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= k < count(role)}
     */
    long index(Role role, long k);

    /**
     * What the list records about where its bytes lie (record blocks, voxel grids, physical frames),
     * for the geometry-aware index embedding. A source that records nothing returns
     * {@link IndexLayout#empty()} (the default): indices are then read as plain bits.
     */
    default IndexLayout layout() { return IndexLayout.empty(); }

    /**
     * The byte (0..255) stored at an index of role {@link Role#TRAIN}, {@link Role#HELD_OUT} or {@link Role#VALIDATION}.
     *
     * @throws IllegalArgumentException for padding or {@link Role#UNKNOWN} indices
     */
    int byteAt(long index);

    /** Fills {@code dst[i] = byteAt(indices[i])}. Implementations may batch the reads. */
    default void bytesAt(long[] indices, int[] dst) {
        for (int i = 0; i < indices.length; i++) dst[i] = byteAt(indices[i]);
    }

    /**
     * A short string that changes whenever the data or the roles change (a checksum of the
     * records' content, say). Snapshots record it so a model is never silently resumed on other data.
     */
    String fingerprint();

    /**
     * Whether a fingerprint recorded earlier (in a snapshot) names this source's data: it equals
     * {@link #fingerprint()}, or it is what an older fingerprint rule gave for the same data, so that runs
     * recorded under that rule can continue. The default accepts {@link #fingerprint()} only.
     */
    default boolean matchesFingerprint(String recorded) { return fingerprint().equals(recorded); }
}
