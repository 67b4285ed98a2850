package org.scrollwork.io.tiff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.scrollwork.io.TruncatedFileException;

/** Positional reads that either fill their buffer or fail with a {@link TruncatedFileException} naming the file and what was read. */
final class ChannelReads {
    private ChannelReads() {}

    /**
     * Reads exactly {@code length} bytes at {@code offset} into a new buffer in {@code order}.
     *
     * @param fileLength the file's length, checked before allocating so a lying header cannot exhaust memory
     */
    static ByteBuffer read(FileChannel ch, Path path, long fileLength, long offset, long length, ByteOrder order, String what) {
        requireInFile(path, fileLength, offset, length, what);
        ByteBuffer b = ByteBuffer.allocate((int) length).order(order);
        readFully(ch, path, offset, b, what);
        b.flip();
        return b;
    }

    /** Fails unless the bytes {@code [offset, offset + length)} lie inside the file. */
    static void requireInFile(Path path, long fileLength, long offset, long length, String what) {
        if (offset < 0 || length < 0 || length > Integer.MAX_VALUE - 8 || offset > fileLength - length) {
            throw new TruncatedFileException(path, satAdd(offset, length), fileLength, what + " at byte " + Long.toUnsignedString(offset));
        }
    }

    /** Fills {@code b} from {@code offset}. */
    static void readFully(FileChannel ch, Path path, long offset, ByteBuffer b, String what) {
        try {
            long pos = offset;
            while (b.hasRemaining()) {
                int n = ch.read(b, pos);
                if (n < 0) {
                    throw new TruncatedFileException(path, offset + b.limit(), pos, what + " at byte " + offset);
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
        }
    }

    private static long satAdd(long a, long b) {
        long s = a + b;
        return (a >= 0 && b >= 0 && s >= 0) ? s : Long.MAX_VALUE;
    }
}
