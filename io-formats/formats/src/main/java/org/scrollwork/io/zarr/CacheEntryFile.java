package org.scrollwork.io.zarr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.scrollwork.files.ChecksumTrailer;
import org.scrollwork.files.ChecksummedFile;
import org.scrollwork.files.CorruptFileException;

/**
 * One key of a store as {@link CachingZarrStore} keeps it on disk, written atomically: {@code "SWZC"}, a version byte
 * (1), a state byte (1: the key's bytes follow; 0: the store holds no such key), the key's length (2 bytes) and UTF-8,
 * the bytes' length (8 bytes), the bytes, then a CRC-32C of all that ({@link ChecksummedFile}). A file that is short,
 * of another kind, fails its checksum, names another key or disagrees with its own length is refused as damaged.
 */
final class CacheEntryFile {
    private static final byte[] MAGIC = "SWZC".getBytes(StandardCharsets.US_ASCII);
    private static final byte VERSION = 1;
    /** Bytes between the magic and the key: version, state, key length. */
    private static final int FIXED = 1 + 1 + 2;
    private static final ChecksummedFile FRAME = new ChecksummedFile(MAGIC, ChecksumTrailer.crc32cAsInt(new byte[0]), "a Zarr cache entry");

    private CacheEntryFile() {}

    /** Bytes a file takes around the key's {@code valueBytes} for {@code key}. */
    static long overhead(String key) {
        return MAGIC.length + FIXED + key.getBytes(StandardCharsets.UTF_8).length + 8 + FRAME.trailer().length();
    }

    /** Writes {@code value} (empty: the store holds no such key) as the entry of {@code key}, atomically. */
    static void write(Path file, String key, Optional<byte[]> value) throws IOException {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        if (k.length > 0xffff) throw new IllegalArgumentException("a key of " + k.length + " bytes is too long to cache");
        byte[] v = value.orElse(new byte[0]);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + FIXED + k.length + 8 + v.length);
        b.put(MAGIC).put(VERSION).put((byte) (value.isPresent() ? 1 : 0)).putShort((short) k.length).put(k).putLong(v.length).put(v);
        FRAME.write(file, b.array());
    }

    /**
     * The entry of {@code key} in {@code file}: its bytes, or empty when it records that the store holds no such key.
     *
     * @throws CorruptFileException naming the file when it is damaged or is the entry of another key
     * @throws IOException the file system's error ({@link java.nio.file.NoSuchFileException} when there is none)
     */
    static Optional<byte[]> read(Path file, String key) throws IOException {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] all = FRAME.read(file, FIXED + 8);
        ByteBuffer b = ByteBuffer.wrap(all, 0, all.length - FRAME.trailer().length());
        b.position(MAGIC.length);
        byte version = b.get();
        byte state = b.get();
        int keyLength = Short.toUnsignedInt(b.getShort());
        if (version != VERSION) throw new CorruptFileException(file, "version " + version + " of the Zarr cache entry format; this reader knows " + VERSION);
        if (state != 0 && state != 1) throw new CorruptFileException(file, "bad state byte " + state);
        if (keyLength != k.length || b.remaining() < keyLength + 8 || !Arrays.equals(all, b.position(), b.position() + keyLength, k, 0, k.length)) {
            throw new CorruptFileException(file, "not the entry of key '" + key + "'");
        }
        b.position(b.position() + keyLength);
        long length = b.getLong();
        if (length != b.remaining() || state == 0 && length != 0) {
            throw new CorruptFileException(file, "holds " + b.remaining() + " bytes where its header says " + length);
        }
        return state == 0 ? Optional.empty() : Optional.of(Arrays.copyOfRange(all, b.position(), b.limit()));
    }
}
