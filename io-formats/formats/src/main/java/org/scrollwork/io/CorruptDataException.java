package org.scrollwork.io;

import java.nio.file.Path;

/** Bytes at a known place cannot be decoded: a chunk that fails to decompress, a checksum that does not match. */
public class CorruptDataException extends FormatException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    /**
     * @param offset byte offset in the file where the bad data starts, or -1 when the whole file is the unit (a Zarr chunk)
     */
    public CorruptDataException(Path path, long offset, String reason, Throwable cause) {
        super(path, (offset >= 0 ? "corrupt data at byte " + offset + ": " : "corrupt data: ") + reason, cause);
        this.offset = offset;
    }

    public CorruptDataException(Path path, long offset, String reason) {
        this(path, offset, reason, null);
    }

    public long offset() { return offset; }
}
