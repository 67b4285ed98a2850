package org.scrollwork.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.scrollwork.files.WriteFailure;

/**
 * Writes one new segment file from start to end: bytes are appended, each record's bytes feed its
 * own CRC32C, and {@link #finish()} forces everything to disk before the manifest may name the file.
 */
final class SegmentWriter implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private long position;
    private CRC32C crc = new CRC32C();

    SegmentWriter(Path path) {
        this.path = path;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create segment " + path, e);
        }
    }

    Path path() { return path; }

    /** Bytes written so far. */
    long position() { return position; }

    /** Starts a new record: the CRC restarts. */
    void beginRecord() { crc = new CRC32C(); }

    /** CRC32C of the bytes written since {@link #beginRecord()}. */
    long recordCrc() { return crc.getValue(); }

    void write(byte[] b, int off, int len) {
        crc.update(b, off, len);
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        try {
            while (buf.hasRemaining()) channel.write(buf);
        } catch (IOException e) {
            throw WriteFailure.of(path, e);
        }
        position += len;
    }

    void write(byte[] b) { write(b, 0, b.length); }

    /** Forces data and file size to disk. */
    void finish() {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw WriteFailure.of(path, e);
        }
    }

    @Override public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close segment " + path, e);
        }
    }
}
