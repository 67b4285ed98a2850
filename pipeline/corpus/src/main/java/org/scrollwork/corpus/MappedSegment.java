package org.scrollwork.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A committed segment file mapped read-only into memory in windows of {@code 2^windowBits} bytes
 * (1 GiB by default), so files beyond 2 GiB map too. Only the committed length is mapped; bytes
 * beyond it are ignored. A file shorter than committed maps what is there and every read past its
 * end throws {@link CorruptCorpusException} naming the file.
 */
final class MappedSegment {
    /** Default window: 1 GiB. Overridable with {@code -Dscrollwork.corpus.windowBits=N} (tests use small windows). */
    static final int DEFAULT_WINDOW_BITS = Integer.getInteger("scrollwork.corpus.windowBits", 30);

    private final Path path;
    private final long committed;
    private final long available;
    private final int windowBits;
    private final long windowMask;
    private final MappedByteBuffer[] windows;

    MappedSegment(Path path, long committed, int windowBits) {
        if (windowBits < 12 || windowBits > 30) throw new IllegalArgumentException("window bits must be in 12..30: " + windowBits);
        this.path = path;
        this.committed = committed;
        this.windowBits = windowBits;
        this.windowMask = (1L << windowBits) - 1;
        long size;
        try {
            size = Files.exists(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat segment " + path, e);
        }
        this.available = Math.min(size, committed);
        int n = (int) ((available + windowMask) >>> windowBits);
        windows = new MappedByteBuffer[n];
        if (n > 0) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                for (int i = 0; i < n; i++) {
                    long start = (long) i << windowBits;
                    windows[i] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.min(1L << windowBits, available - start));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map segment " + path, e);
            }
        }
    }

    Path path() { return path; }

    long committed() { return committed; }

    /** Whether all committed bytes are present in the file. */
    boolean complete() { return available == committed; }

    /** Bytes actually present (at most the committed length). */
    long available() { return available; }

    int get(long pos) {
        if (pos >= available) throw missing(pos);
        return windows[(int) (pos >>> windowBits)].get((int) (pos & windowMask)) & 0xFF;
    }

    /** Copies {@code len} bytes from {@code pos} into {@code dst[off..]}, crossing windows as needed. */
    void copy(long pos, byte[] dst, int off, int len) {
        if (pos + len > available) throw missing(Math.max(pos, available));
        while (len > 0) {
            int w = (int) (pos >>> windowBits);
            int in = (int) (pos & windowMask);
            int n = Math.min(len, windows[w].limit() - in);
            windows[w].get(in, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    private CorruptCorpusException missing(long pos) {
        return new CorruptCorpusException(path, pos, "segment truncated: committed " + committed + " bytes but only " + available + " are present");
    }
}
