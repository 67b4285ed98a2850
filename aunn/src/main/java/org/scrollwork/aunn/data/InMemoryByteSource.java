package org.scrollwork.aunn.data;

import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A small list held in memory: bytes at indices {@code [start, start + data.length)}, each with a
 * role; everything else is padding. For tests, experiments and conditioning prompts.
 */
public final class InMemoryByteSource implements IndexedByteSource {
    private final int indexBits;
    private final long start;
    private final byte[] data;
    private final Role[] roles;
    private final long[][] byRole = new long[Role.values().length][];
    private final IndexLayout layout;

    /**
     * @param roles one per byte; {@code null} marks padding
     */
    public InMemoryByteSource(int indexBits, long start, byte[] data, Role[] roles) {
        this(indexBits, start, data, roles, IndexLayout.empty());
    }

    /** A source that also records where its bytes lie ({@link #layout()}). */
    public InMemoryByteSource(int indexBits, long start, byte[] data, Role[] roles, IndexLayout layout) {
        if (indexBits < 1 || indexBits > 62) throw new IllegalArgumentException("index bits must be in 1..62: " + indexBits);
        if (data.length != roles.length) throw new IllegalArgumentException("one role per byte");
        if (start < 0 || start + data.length > (1L << indexBits)) throw new IllegalArgumentException("data outside the index space");
        this.indexBits = indexBits;
        this.start = start;
        this.data = data.clone();
        this.roles = roles.clone();
        this.layout = layout;
        for (Role r : Role.values()) {
            byRole[r.ordinal()] = java.util.stream.IntStream.range(0, data.length).filter(i -> this.roles[i] == r).mapToLong(i -> start + i).toArray();
        }
    }

    /** All bytes trainable, starting at index 0. */
    public static InMemoryByteSource of(int indexBits, byte[] data) {
        Role[] r = new Role[data.length];
        Arrays.fill(r, Role.TRAIN);
        return new InMemoryByteSource(indexBits, 0, data, r);
    }

    /** The same bytes and roles with a layout. */
    public InMemoryByteSource withLayout(IndexLayout l) { return new InMemoryByteSource(indexBits, start, data, roles, l); }

    @Override public IndexLayout layout() { return layout; }

    @Override public int indexBits() { return indexBits; }

    @Override public long count(Role role) { return byRole[role.ordinal()].length; }

    @Override public long index(Role role, long k) {
        long[] idx = byRole[role.ordinal()];
        if (k < 0 || k >= idx.length) throw new IndexOutOfBoundsException("rank " + k + " of " + idx.length + " " + role + " indices");
        return idx[(int) k];
    }

    @Override public int byteAt(long index) {
        long i = index - start;
        if (i < 0 || i >= data.length || roles[(int) i] == null || roles[(int) i] == Role.UNKNOWN) {
            throw new IllegalArgumentException("no known byte at index " + index);
        }
        return data[(int) i] & 0xFF;
    }

    @Override public String fingerprint() {
        CRC32C crc = new CRC32C();
        crc.update(data);
        for (Role r : roles) crc.update(r == null ? 255 : r.ordinal());
        return indexBits + ":" + start + ":" + data.length + ":" + Long.toHexString(crc.getValue());
    }
}
