package org.scrollwork.io;

import java.net.URI;
import java.nio.file.Path;

/** No registered {@link Format} recognises a path, or a format was asked for something it cannot do. */
public class UnsupportedFormatException extends FormatException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFormatException(Path path, String reason) {
        super(path, reason);
    }

    /** Something read over HTTP(S), named by its URL. */
    public UnsupportedFormatException(URI uri, String reason) {
        super(uri, reason);
    }

    @Override public FormatException at(URI url) {
        FormatException e = new UnsupportedFormatException(url, reason());
        e.initCause(this);
        return e;
    }
}
