package org.scrollwork.io;

/** Codecs that writers can be asked for. Each format accepts the subset it can store and rejects the rest. */
public enum Compression {
    NONE, LZW, DEFLATE, GZIP, ZSTD, BLOSC_LZ4, BLOSC_ZSTD;

    /** Parses a lower-case name such as {@code "blosc-lz4"} or {@code "deflate"}. */
    public static Compression parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    public String cliName() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }
}
