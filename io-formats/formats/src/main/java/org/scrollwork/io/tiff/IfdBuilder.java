package org.scrollwork.io.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * Lays out one IFD for writing: entries sorted by tag, the next-IFD pointer, then the values that do
 * not fit inline, each at an even offset. Classic (12-byte entries, 32-bit offsets) or BigTIFF.
 */
final class IfdBuilder {
    private record Entry(int type, long count, byte[] value) {}

    private final boolean bigTiff;
    private final ByteOrder order;
    private final TreeMap<Integer, Entry> entries = new TreeMap<>();

    IfdBuilder(boolean bigTiff, ByteOrder order) {
        this.bigTiff = bigTiff;
        this.order = order;
    }

    IfdBuilder shorts(int tag, int... values) {
        ByteBuffer b = buffer(values.length * 2);
        for (int v : values) b.putShort((short) v);
        entries.put(tag, new Entry(TiffTags.TYPE_SHORT, values.length, b.array()));
        return this;
    }

    /** Unsigned values as LONG (classic) or LONG8 (BigTIFF). */
    IfdBuilder offsets(int tag, long... values) {
        ByteBuffer b = buffer(values.length * (bigTiff ? 8 : 4));
        for (long v : values) {
            if (bigTiff) b.putLong(v);
            else b.putInt((int) v);
        }
        entries.put(tag, new Entry(bigTiff ? TiffTags.TYPE_LONG8 : TiffTags.TYPE_LONG, values.length, b.array()));
        return this;
    }

    IfdBuilder longValue(int tag, long value) {
        entries.put(tag, new Entry(TiffTags.TYPE_LONG, 1, buffer(4).putInt((int) value).array()));
        return this;
    }

    IfdBuilder rational(int tag, long[] numeratorDenominator) {
        ByteBuffer b = buffer(8).putInt((int) numeratorDenominator[0]).putInt((int) numeratorDenominator[1]);
        entries.put(tag, new Entry(TiffTags.TYPE_RATIONAL, 1, b.array()));
        return this;
    }

    IfdBuilder ascii(int tag, String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = java.util.Arrays.copyOf(text, text.length + 1);
        entries.put(tag, new Entry(TiffTags.TYPE_ASCII, z.length, z));
        return this;
    }

    private ByteBuffer buffer(int n) { return ByteBuffer.allocate(n).order(order); }

    /** Size of the whole IFD with its out-of-line values. */
    int size() {
        int inline = bigTiff ? 8 : 4;
        int n = (bigTiff ? 8 : 2) + entries.size() * (bigTiff ? 20 : 12) + inline;
        for (Entry e : entries.values()) if (e.value.length > inline) n += even(e.value.length);
        return n;
    }

    /**
     * The IFD's bytes for placement at file offset {@code at} (even), with next-IFD pointer 0.
     *
     * @return the buffer, and the next pointer's position relative to {@code at} is {@link #nextPointerPosition()}
     */
    ByteBuffer encode(long at) {
        int inline = bigTiff ? 8 : 4;
        ByteBuffer b = buffer(size());
        if (bigTiff) b.putLong(entries.size());
        else b.putShort((short) entries.size());
        int dataAt = nextPointerPosition() + inline;
        for (var me : entries.entrySet()) {
            Entry e = me.getValue();
            b.putShort((short) (int) me.getKey()).putShort((short) e.type);
            if (bigTiff) b.putLong(e.count);
            else b.putInt((int) e.count);
            int fieldAt = b.position();
            if (e.value.length <= inline) {
                b.put(e.value);
            } else {
                long abs = at + dataAt;
                if (bigTiff) b.putLong(abs);
                else b.putInt((int) abs);
                b.put(dataAt, e.value);
                dataAt += even(e.value.length);
            }
            b.position(fieldAt + inline);
        }
        b.position(0);
        return b;
    }

    /** Offset of the next-IFD pointer from the IFD's start. */
    int nextPointerPosition() { return (bigTiff ? 8 : 2) + entries.size() * (bigTiff ? 20 : 12); }

    private static int even(int n) { return n + (n & 1); }
}
