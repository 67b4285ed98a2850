package org.scrollwork.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A file framed as {@code magic, body…, trailer} ({@link ChecksumTrailer}: a checksum of every byte before it),
 * written atomically ({@link AtomicFiles}). {@link #read} checks size, magic and trailer of a whole file; a format whose
 * length follows from its header checks them in its own order with {@link #hasMagic} and {@link #trailer()}.
 */
public final class ChecksummedFile {
    private final byte[] magic;
    private final ChecksumTrailer trailer;
    private final String kind;

    /**
     * @param kind what such a file is, for the bad-magic message ("an n-gram model file")
     */
    public ChecksummedFile(byte[] magic, ChecksumTrailer trailer, String kind) {
        this.magic = magic.clone();
        this.trailer = trailer;
        this.kind = kind;
    }

    public ChecksumTrailer trailer() { return trailer; }

    /** Whether {@code bytes} start with the magic. */
    public boolean hasMagic(byte[] bytes) {
        return bytes.length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length);
    }

    /**
     * Writes {@code body} (which starts with the magic) followed by its trailer, atomically.
     *
     * @throws IOException what failed ({@code "it is a directory"} when {@code file} names one), for the caller to name the file
     */
    public void write(Path file, byte[] body) throws IOException {
        if (!hasMagic(body)) throw new IllegalArgumentException("the body does not start with the magic of " + kind);
        // AtomicFiles replaces a directory whole; a file path that names a directory is a mistake, not a target
        if (Files.isDirectory(file)) throw new IOException("it is a directory");
        byte[] end = trailer.of(body, body.length);
        try {
            AtomicFiles.writeStream(file, o -> {
                o.write(body);
                o.write(end);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The whole file, its size, magic and trailer checked; the body ends {@link ChecksumTrailer#length()} bytes before
     * the end.
     *
     * @param minHeader bytes after the magic that any valid file has
     * @throws CorruptFileException naming the file when it is too short, of another kind or fails its trailer
     * @throws IOException the file system's error when the file is missing or unreadable
     */
    public byte[] read(Path file, int minHeader) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < magic.length + minHeader + trailer.length()) throw new CorruptFileException(file, "truncated: " + all.length + " bytes");
        if (!hasMagic(all)) throw new CorruptFileException(file, "not " + kind + " (bad magic)");
        int end = all.length - trailer.length();
        if (!trailer.checksumMatches(all, end)) throw new CorruptFileException(file, "checksum mismatch: truncated or corrupted");
        if (!trailer.endMarkerMatches(all, end)) throw new CorruptFileException(file, "bad end marker");
        return all;
    }
}
