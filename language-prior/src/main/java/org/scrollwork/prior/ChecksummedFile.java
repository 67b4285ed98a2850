package org.scrollwork.prior;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.scrollwork.files.AtomicFiles;

/**
 * The framing shared by the prior's model files: {@code magic, body…, CRC-32 of everything before it (8 bytes,
 * big-endian)}, written atomically. Reading checks size, magic and checksum and names the file in every error.
 */
final class ChecksummedFile {
    private ChecksummedFile() {}

    /**
     * Writes {@code body} (which starts with the magic) followed by its CRC-32, atomically ({@link AtomicFiles}).
     *
     * @throws IOException what failed, for the caller to name the file
     */
    static void write(Path file, byte[] body) throws IOException {
        // AtomicFiles replaces a directory whole; a model path that names a directory is a mistake, not a target
        if (Files.isDirectory(file)) throw new IOException("it is a directory");
        CRC32 crc = new CRC32();
        crc.update(body);
        try {
            AtomicFiles.writeStream(file, o -> {
                o.write(body);
                o.write(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The whole file with its checksum verified (the trailing 8 bytes included; callers stop before them).
     *
     * @param minHeader bytes after the magic that any valid file has
     * @param kind      what the file should be, for the bad-magic message ("a CharLm model file")
     * @throws ModelFileException naming the file when it is missing, unreadable, too short, of another kind or corrupt
     */
    static byte[] read(Path file, byte[] magic, int minHeader, String kind) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e.getMessage(), e);
        }
        if (all.length < magic.length + minHeader + 8) throw new ModelFileException(file, "truncated: " + all.length + " bytes");
        if (!Arrays.equals(Arrays.copyOf(all, magic.length), magic)) throw new ModelFileException(file, "not " + kind + " (bad magic)");
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        if (ByteBuffer.wrap(all, all.length - 8, 8).getLong() != crc.getValue()) {
            throw new ModelFileException(file, "checksum mismatch: truncated or corrupted");
        }
        return all;
    }
}
