package org.scrollwork.prior;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.scrollwork.files.ChecksumTrailer;
import org.scrollwork.files.ChecksummedFile;
import org.scrollwork.files.CorruptFileException;

/**
 * The framing shared by the prior's model files: {@code magic, body…, CRC-32 of everything before it (8 bytes,
 * big-endian)}, a {@link ChecksummedFile} written atomically, with its errors as the prior's: a damaged file is a
 * {@link CorruptModelFileException}, a missing or unreadable one a {@link ModelFileException}, each naming the file.
 */
final class ModelFileFrame {
    private ModelFileFrame() {}

    /**
     * Writes {@code body} (which starts with {@code magic}) followed by its CRC-32, atomically.
     *
     * @throws IOException what failed, for the caller to name the file
     */
    static void write(Path file, byte[] magic, byte[] body) throws IOException {
        framing(magic, "a model file").write(file, body);
    }

    /**
     * The whole file with its checksum verified (the trailing 8 bytes included; callers stop before them).
     *
     * @param minHeader bytes after the magic that any valid file has
     * @param kind      what the file should be, for the bad-magic message ("a CharLm model file")
     * @throws ModelFileException naming the file when it is missing, unreadable, too short, of another kind or corrupt
     */
    static byte[] read(Path file, byte[] magic, int minHeader, String kind) {
        try {
            return framing(magic, kind).read(file, minHeader);
        } catch (CorruptFileException e) {
            throw new CorruptModelFileException(file, e.reason(), e);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static ChecksummedFile framing(byte[] magic, String kind) {
        return new ChecksummedFile(magic, ChecksumTrailer.crc32AsLong(), kind);
    }
}
