package org.scrollwork.io;

import java.nio.file.Path;

/** No registered {@link Format} recognises a path, or a format was asked for something it cannot do. */
public class UnsupportedFormatException extends FormatException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFormatException(Path path, String reason) {
        super(path, reason);
    }
}
