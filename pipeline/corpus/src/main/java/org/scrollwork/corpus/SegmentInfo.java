package org.scrollwork.corpus;

import java.util.Objects;

/** A committed segment file: its name inside the corpus directory and its committed length in bytes. */
public record SegmentInfo(String file, long length) {
    public SegmentInfo {
        Objects.requireNonNull(file, "file");
        if (!file.matches("seg-[0-9]{8}\\.dat")) throw new IllegalArgumentException("bad segment name: " + file);
        if (length < 0) throw new IllegalArgumentException("negative segment length: " + length);
    }
}
