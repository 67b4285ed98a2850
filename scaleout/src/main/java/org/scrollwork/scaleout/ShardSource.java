package org.scrollwork.scaleout;

import org.scrollwork.aunn.data.IndexedByteSource;
import org.scrollwork.aunn.data.Role;

/**
 * Shard {@code p} of {@code n} of a source's TRAIN indices: the ranks {@code [p*N/n, (p+1)*N/n)}, which (ranks being
 * in increasing index order) are one contiguous index range of the corpus. A view: bytes are read from the
 * underlying (memory-mapped) corpus, nothing is copied. The shard has no HELD_OUT or UNKNOWN indices; the
 * driver evaluates on the whole source.
 */
public final class ShardSource implements IndexedByteSource {
    private final IndexedByteSource source;
    private final long fromRank;
    private final long toRank;
    private final int shard;
    private final int shards;

    public ShardSource(IndexedByteSource source, int shard, int shards) {
        if (shards < 1 || shard < 0 || shard >= shards) throw new IllegalArgumentException("shard " + shard + " of " + shards + " does not exist");
        long n = source.count(Role.TRAIN);
        this.source = source;
        this.shard = shard;
        this.shards = shards;
        this.fromRank = Math.multiplyExact(n, shard) / shards;
        this.toRank = Math.multiplyExact(n, shard + 1) / shards;
        if (toRank <= fromRank) throw new IllegalArgumentException("shard " + shard + " of " + shards + " of " + n + " TRAIN indices is empty");
    }

    /** First index of the shard. */
    public long fromIndex() { return source.index(Role.TRAIN, fromRank); }

    /** Last index of the shard. */
    public long lastIndex() { return source.index(Role.TRAIN, toRank - 1); }

    @Override public int indexBits() { return source.indexBits(); }

    @Override public org.scrollwork.aunn.data.IndexLayout layout() { return source.layout(); }

    @Override public long count(Role role) { return role == Role.TRAIN ? toRank - fromRank : 0; }

    @Override public long index(Role role, long k) {
        if (role != Role.TRAIN || k < 0 || k >= toRank - fromRank) throw new IndexOutOfBoundsException("rank " + k + " of shard " + shard + " (" + count(role) + " " + role + " indices)");
        return source.index(Role.TRAIN, fromRank + k);
    }

    @Override public int byteAt(long index) { return source.byteAt(index); }

    @Override public void bytesAt(long[] indices, int[] dst) { source.bytesAt(indices, dst); }

    @Override public String fingerprint() { return source.fingerprint() + ":shard " + shard + "/" + shards; }

    @Override public String toString() { return "shard " + shard + "/" + shards + " (TRAIN ranks " + fromRank + ".." + toRank + ")"; }
}
