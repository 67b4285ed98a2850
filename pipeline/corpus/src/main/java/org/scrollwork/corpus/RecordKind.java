package org.scrollwork.corpus;

/** What a corpus record holds. */
public enum RecordKind {
    /** A small UTF-8 JSON description of the data record that follows it; trained on like any text. */
    METADATA,
    /** A 3-D scan volume (or a label volume), raster order x fastest, multi-byte voxels big-endian. */
    VOLUME,
    /** A UTF-8 text, one byte per index. */
    TEXT
}
