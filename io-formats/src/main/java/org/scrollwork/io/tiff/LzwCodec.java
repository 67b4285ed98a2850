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

    /**
     * Decodes {@code src[off, off + len)} into {@code dst[0, dstLen)}; output beyond {@code dstLen} is
     * dropped. Costs one pass over the input.
     *
     * @return bytes written, less than {@code dstLen} when the stream ends early
     * @throws DataFormatException when a code refers to a table entry that does not exist
     */
    static int decode(byte[] src, int off, int len, byte[] dst, int dstLen) throws DataFormatException {
        short[] prefix = new short[MAX_CODES];
        byte[] suffix = new byte[MAX_CODES];
        byte[] first = new byte[MAX_CODES];
        int[] length = new int[MAX_CODES];
        for (int i = 0; i < 256; i++) {
            suffix[i] = (byte) i;
            first[i] = (byte) i;
            length[i] = 1;
        }
        int end = off + len;
        int in = off;
        long bits = 0;
        int nbits = 0;
        int width = 9;
        int next = FIRST;
        int old = -1;
        int out = 0;
        while (out < dstLen) {
            while (nbits < width && in < end) {
                bits = (bits << 8) | (src[in++] & 0xff);
                nbits += 8;
            }
            if (nbits < width) break;
            int code = (int) (bits >>> (nbits - width)) & ((1 << width) - 1);
            nbits -= width;
            if (code == EOI) break;
            if (code == CLEAR) {
                width = 9;
                next = FIRST;
                old = -1;
                continue;
            }
            if (old < 0) {
                if (code > 255) throw new DataFormatException("LZW code " + code + " follows a Clear code; expected a literal");
                dst[out++] = (byte) code;
                old = code;
                continue;
            }
            int emit;
            byte firstByte;
            if (code < next) {
                emit = code;
                firstByte = first[code];
            } else if (code == next) {
                emit = -1;
                firstByte = first[old];
            } else {
                throw new DataFormatException("LZW code " + code + " is beyond the table (next free entry " + next + ")");
            }
            if (next < MAX_CODES) {
                prefix[next] = (short) old;
                suffix[next] = firstByte;
                first[next] = first[old];
                length[next] = length[old] + 1;
                next++;
                if (next >= (1 << width) - 1 && width < 12) width++;
            }
            int c = emit >= 0 ? emit : next - 1;
            int n = length[c];
            int stop = Math.min(out + n, dstLen);
            for (int p = out + n - 1; p >= out; p--) {
                if (p < stop) dst[p] = suffix[c];
                c = prefix[c];
            }
            out = stop;
            old = emit >= 0 ? emit : next - 1;
        }
        return out;
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
