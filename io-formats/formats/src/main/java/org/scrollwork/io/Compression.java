package org.scrollwork.io;

/** Codecs that writers can be asked for. Each format accepts the subset it can store and rejects the rest. */
public enum Compression {
    NONE, LZW, DEFLATE, GZIP, ZSTD, BLOSC_LZ4, BLOSC_ZSTD;

    /**
     * Parses a name such as {@code "blosc-lz4"} or {@code "deflate"} (any case).
     *
     * @throws IllegalArgumentException listing the valid names when {@code s} is none of them
     */
    public static Compression parse(String s) {
        for (Compression c : values()) {
            if (c.cliName().equalsIgnoreCase(s.trim()) || c.name().equalsIgnoreCase(s.trim())) return c;
        }
        throw new IllegalArgumentException("unknown compression '" + s + "': expected one of "
                + java.util.Arrays.stream(values()).map(Compression::cliName).collect(java.util.stream.Collectors.joining(", ")));
    }

    public String cliName() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }
}
