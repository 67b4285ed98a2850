package org.scrollwork.io.tiff;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * TIFF's LZW (compression 5): codes of 9 to 12 bits, most significant bit first, Clear = 256,
 * EndOfInformation = 257, with the "early change" of code width that libtiff, ImageJ and tifffile use.
 */
final class LzwCodec {
    private static final int CLEAR = 256;
    private static final int EOI = 257;
    private static final int FIRST = 258;
    private static final int MAX_CODES = 4096;

    private LzwCodec() {}

    /** Ints of the scratch table {@link #decode(byte[], int, int, byte[], int, int, int[])} takes. */
    static final int TABLE_INTS = 2 * MAX_CODES;

    /** {@link #decode(byte[], int, int, byte[], int, int, int[])} into {@code dst[0, dstLen)} with a table of its own. */
    static int decode(byte[] src, int off, int len, byte[] dst, int dstLen) throws DataFormatException {
        return decode(src, off, len, dst, 0, dstLen, new int[TABLE_INTS]);
    }

    /**
     * Decodes {@code src[off, off + len)} into {@code dst[dstOff, dstOff + dstLen)}; output beyond that is
     * dropped. Costs one pass over the input. A table entry is kept as a span of the output already
     * written (an entry is the previous code's string plus the next byte, which follow each other in the
     * output), so emitting a code is a copy within {@code dst}; {@code table} ({@link #TABLE_INTS} ints, reused
     * between calls) holds each entry's start and length side by side. Bits are taken from a 64-bit buffer
     * refilled up to 7 bytes at a time.
     *
     * @return bytes written, less than {@code dstLen} when the stream ends early
     * @throws DataFormatException when a code refers to a table entry that does not exist
     */
    static int decode(byte[] src, int off, int len, byte[] dst, int dstOff, int dstLen, int[] table) throws DataFormatException {
        int end = off + len;
        int in = off;
        long bits = 0;
        int nbits = 0;
        int width = 9;
        int mask = (1 << width) - 1;
        int next = FIRST;
        int old = -1;
        int oldAt = 0;
        int oldLen = 0;
        int out = dstOff;
        int outEnd = dstOff + dstLen;
        while (out < outEnd) {
            if (nbits < width) {
                while (nbits <= 56 && in < end) {
                    bits = (bits << 8) | (src[in++] & 0xff);
                    nbits += 8;
                }
                if (nbits < width) break;
            }
            nbits -= width;
            int code = (int) (bits >>> nbits) & mask;
            if (code < 256) {
                if (old >= 0 && next < MAX_CODES) {
                    table[2 * next] = oldAt;
                    table[2 * next + 1] = oldLen + 1;
                    next++;
                    if (next >= mask && width < 12) mask = (1 << ++width) - 1;
                }
                old = code;
                oldAt = out;
                oldLen = 1;
                dst[out++] = (byte) code;
                continue;
            }
            if (code == EOI) break;
            if (code == CLEAR) {
                width = 9;
                mask = (1 << width) - 1;
                next = FIRST;
                old = -1;
                continue;
            }
            int at = out;
            int n;
            if (old < 0) {
                throw new DataFormatException("LZW code " + code + " follows a Clear code; expected a literal");
            } else if (code < next) {
                n = table[2 * code + 1];
                int from = table[2 * code];
                int m = Math.min(n, outEnd - out);
                if (m < 16) {
                    for (int k = 0; k < m; k++) dst[out + k] = dst[from + k];
                } else {
                    System.arraycopy(dst, from, dst, out, m);
                }
                out += m;
            } else if (code == next) {
                n = oldLen + 1;
                int m = Math.min(oldLen, outEnd - out);
                out = copy(dst, oldAt, out, m);
                if (out < outEnd) dst[out++] = dst[oldAt];
            } else {
                throw new DataFormatException("LZW code " + code + " is beyond the table (next free entry " + next + ")");
            }
            if (next < MAX_CODES) {
                table[2 * next] = oldAt;
                table[2 * next + 1] = oldLen + 1;
                next++;
                if (next >= mask && width < 12) mask = (1 << ++width) - 1;
            }
            old = code;
            oldAt = at;
            oldLen = n;
        }
        return out - dstOff;
    }

    private static int copy(byte[] dst, int from, int to, int n) {
        if (n < 16) {
            for (int k = 0; k < n; k++) dst[to + k] = dst[from + k];
        } else {
            System.arraycopy(dst, from, dst, to, n);
        }
        return to + n;
    }

    /** Encodes {@code src[0, len)} as one LZW stream ending with EndOfInformation. */
    static byte[] encode(byte[] src, int len) {
        BitWriter w = new BitWriter(len / 2 + 16);
        int hashSize = 9029; // prime, a bit more than twice the table
        int[] keys = new int[hashSize];
        short[] codes = new short[hashSize];
        Arrays.fill(keys, -1);
        int width = 9;
        int next = FIRST;
        w.put(CLEAR, width);
        if (len == 0) {
            w.put(EOI, width);
            return w.toByteArray();
        }
        int prefix = src[0] & 0xff;
        for (int i = 1; i < len; i++) {
            int c = src[i] & 0xff;
            int key = (prefix << 8) | c;
            int h = Math.floorMod(key * 0x9E3779B1, hashSize);
            while (keys[h] != -1 && keys[h] != key) h = h + 1 == hashSize ? 0 : h + 1;
            if (keys[h] == key) {
                prefix = codes[h];
                continue;
            }
            w.put(prefix, width);
            keys[h] = key;
            codes[h] = (short) next++;
            if (next == MAX_CODES - 2) {
                w.put(CLEAR, width);
                Arrays.fill(keys, -1);
                next = FIRST;
                width = 9;
            } else if (next > (1 << width) - 1) {
                width++;
            }
            prefix = c;
        }
        w.put(prefix, width);
        next++;
        if (next == MAX_CODES - 2) {
            w.put(CLEAR, width);
            width = 9;
        } else if (next > (1 << width) - 1) {
            width++;
        }
        w.put(EOI, width);
        return w.toByteArray();
    }

    /** Packs codes most significant bit first. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out;
        private long bits;
        private int nbits;

        BitWriter(int capacity) { out = new ByteArrayOutputStream(capacity); }

        void put(int code, int width) {
            bits = (bits << width) | code;
            nbits += width;
            while (nbits >= 8) {
                out.write((int) (bits >>> (nbits - 8)));
                nbits -= 8;
            }
        }

        byte[] toByteArray() {
            if (nbits > 0) out.write((int) (bits << (8 - nbits)));
            nbits = 0;
            return out.toByteArray();
        }
    }
}
