package org.scrollwork.io.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.scrollwork.io.CorruptDataException;
import org.scrollwork.io.FormatException;
import org.scrollwork.io.TruncatedFileException;

/**
 * The first bytes of a TIFF file: byte order ({@code II} little, {@code MM} big endian), classic
 * (version 42, 32-bit offsets) or BigTIFF (version 43, 64-bit offsets), and the first IFD's offset.
 */
record TiffHeader(ByteOrder order, boolean bigTiff, long firstIfdOffset) {

    /** Whether {@code b} (at least 4 bytes) starts with a classic or BigTIFF signature. */
    static boolean hasMagic(byte[] b, int n) {
        if (n < 4) return false;
        if (b[0] == 'I' && b[1] == 'I') return (b[2] == 42 || b[2] == 43) && b[3] == 0;
        if (b[0] == 'M' && b[1] == 'M') return b[2] == 0 && (b[3] == 42 || b[3] == 43);
        return false;
    }

    /**
     * Reads the header of an open file.
     *
     * @throws TruncatedFileException when the file is shorter than a header
     * @throws FormatException when the signature is not TIFF's
     */
    static TiffHeader read(FileChannel ch, Path path, long fileLength) {
        if (fileLength < 8) throw new TruncatedFileException(path, 8, fileLength, "TIFF header");
        ByteBuffer b = ChannelReads.read(ch, path, fileLength, 0, Math.min(16, fileLength), ByteOrder.LITTLE_ENDIAN, "TIFF header");
        byte[] magic = new byte[4];
        b.get(magic);
        if (!hasMagic(magic, 4)) {
            throw new FormatException(path, "not a TIFF file: it does not start with a TIFF signature (II*\\0 or MM\\0*)");
        }
        ByteOrder order = magic[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        b.order(order);
        int version = b.getShort(2);
        if (version == 42) return new TiffHeader(order, false, Integer.toUnsignedLong(b.getInt(4)));
        if (fileLength < 16) throw new TruncatedFileException(path, 16, fileLength, "BigTIFF header");
        int offsetSize = b.getShort(4);
        if (offsetSize != 8 || b.getShort(6) != 0) {
            throw new CorruptDataException(path, 4, "BigTIFF header says offsets are " + offsetSize + " bytes, expected 8");
        }
        return new TiffHeader(order, true, b.getLong(8));
    }

    /** Bytes of one IFD entry: 12 classic, 20 BigTIFF. */
    int entrySize() { return bigTiff ? 20 : 12; }

    /** Bytes of an offset or an entry's inline value field: 4 classic, 8 BigTIFF. */
    int offsetSize() { return bigTiff ? 8 : 4; }

    /** Bytes of an IFD's entry count: 2 classic, 8 BigTIFF. */
    int countSize() { return bigTiff ? 8 : 2; }
}
