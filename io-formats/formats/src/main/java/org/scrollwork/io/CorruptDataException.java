package org.scrollwork.io;

import java.net.URI;
import java.nio.file.Path;
import org.scrollwork.files.CorruptFile;

/**
 * Bytes at a known place cannot be decoded: a chunk that fails to decompress, a checksum that does not match. One of
 * the {@link CorruptFile} family.
 */
public class CorruptDataException extends FormatException implements CorruptFile {
    private static final long serialVersionUID = 1L;
    private final long offset;
    private final String what;

    /**
     * @param offset byte offset in the file where the bad data starts, or -1 when the whole file is the unit (a Zarr chunk)
     */
    public CorruptDataException(Path path, long offset, String reason, Throwable cause) {
        super(path, prefix(offset) + reason, cause);
        this.offset = offset;
        this.what = reason;
    }

    public CorruptDataException(Path path, long offset, String reason) {
        this(path, offset, reason, null);
    }

    /** Bytes read over HTTP(S), named by their URL. */
    public CorruptDataException(URI uri, long offset, String reason, Throwable cause) {
        super(uri, prefix(offset) + reason, cause);
        this.offset = offset;
        this.what = reason;
    }

    /** Bytes read over HTTP(S), named by their URL. */
    public CorruptDataException(URI uri, long offset, String reason) {
        this(uri, offset, reason, null);
    }

    private static String prefix(long offset) {
        return offset >= 0 ? "corrupt data at byte " + offset + ": " : "corrupt data: ";
    }

    public long offset() { return offset; }

    @Override public FormatException at(URI url) {
        return new CorruptDataException(url, offset, what, this);
    }
}
