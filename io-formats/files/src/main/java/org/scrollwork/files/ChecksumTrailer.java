package org.scrollwork.files;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The end of a checksummed file: the checksum of every byte before it, big-endian in a fixed number of bytes (the
 * value's low bytes), then a fixed end marker, possibly empty. {@link ChecksummedFile} writes and checks it.
 */
public final class ChecksumTrailer {
    private final Supplier<Checksum> algorithm;
    private final int width;
    private final byte[] endMarker;

    private ChecksumTrailer(Supplier<Checksum> algorithm, int width, byte[] endMarker) {
        this.algorithm = algorithm;
        this.width = width;
        this.endMarker = endMarker.clone();
    }

    /** CRC-32 widened to 8 bytes, no end marker (the language prior's model files). */
    public static ChecksumTrailer crc32AsLong() {
        return new ChecksumTrailer(CRC32::new, 8, new byte[0]);
    }

    /** CRC-32C (Castagnoli) in 4 bytes, then {@code endMarker} (AUNN snapshots: {@code SEND}). */
    public static ChecksumTrailer crc32cAsInt(byte[] endMarker) {
        return new ChecksumTrailer(CRC32C::new, 4, endMarker);
    }

    /** Bytes the trailer takes. */
    public int length() {
        return width + endMarker.length;
    }

    /** The trailer of {@code bytes[0, end)}. */
    public byte[] of(byte[] bytes, int end) {
        byte[] t = Arrays.copyOf(checksum(bytes, end), length());
        System.arraycopy(endMarker, 0, t, width, endMarker.length);
        return t;
    }

    /**
     * Whether the checksum stored at {@code bytes[end, end + checksum width)} is that of {@code bytes[0, end)}; the
     * caller has checked that {@code bytes} reach {@code end + length()}, as for {@link #endMarkerMatches}.
     */
    public boolean checksumMatches(byte[] bytes, int end) {
        return Arrays.equals(checksum(bytes, end), 0, width, bytes, end, end + width);
    }

    /** Whether the end marker follows the checksum stored at {@code end}. */
    public boolean endMarkerMatches(byte[] bytes, int end) {
        int from = end + width;
        return Arrays.equals(endMarker, 0, endMarker.length, bytes, from, from + endMarker.length);
    }

    private byte[] checksum(byte[] bytes, int end) {
        Checksum c = algorithm.get();
        c.update(bytes, 0, end);
        long v = c.getValue();
        byte[] b = new byte[width];
        for (int i = width - 1; i >= 0; i--, v >>>= 8) b[i] = (byte) v;
        return b;
    }
}
