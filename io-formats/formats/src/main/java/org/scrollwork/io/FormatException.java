package org.scrollwork.io;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file is not what its reader expected: wrong magic bytes, a header that contradicts itself or
 * the file's size, an unsupported feature. Unchecked, like N5's exceptions. The message always
 * names the file (or, for a store read over HTTP, the URL) and says what is wrong.
 */
public class FormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;
    private final URI uri;
    private final String reason;

    public FormatException(Path path, String reason) {
        this(path, reason, null);
    }

    public FormatException(Path path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = path;
        this.uri = null;
        this.reason = reason;
    }

    /** A failure of something read over HTTP(S), named by its URL (its cause may be set later, with {@link #initCause}). */
    public FormatException(URI uri, String reason) {
        super(uri + ": " + reason);
        this.path = null;
        this.uri = uri;
        this.reason = reason;
    }

    /** A failure of something read over HTTP(S), named by its URL. */
    public FormatException(URI uri, String reason, Throwable cause) {
        super(uri + ": " + reason, cause);
        this.path = null;
        this.uri = uri;
        this.reason = reason;
    }

    /** The file (or directory store) at fault; {@code null} when it was read over HTTP (see {@link #uri()}). */
    public Path path() { return path; }

    /** The URL at fault, when it was read over HTTP(S). */
    public Optional<URI> uri() { return Optional.ofNullable(uri); }

    /** What is wrong, without the file or URL. */
    public String reason() { return reason; }

    /**
     * The same failure, named by {@code url} instead: a store read over HTTP parses its documents under their keys
     * (relative paths) and reports them at their URLs. Subclasses keep their type.
     */
    public FormatException at(URI url) {
        return new FormatException(url, reason, this);
    }
}
