package org.scrollwork.io;

import java.nio.ByteOrder;
import java.util.Optional;

/**
 * How a writer should store a volume. Empty fields mean "the format's default".
 *
 * @param compression codec (a format rejects codecs it cannot store with {@link UnsupportedFormatException})
 * @param chunkShape storage chunk per axis {@code [x, y, z]}, for chunked formats
 * @param byteOrder byte order, for formats that offer a choice
 */
public record WriteOptions(Optional<Compression> compression, Optional<int[]> chunkShape, Optional<ByteOrder> byteOrder) {
    public static final WriteOptions DEFAULTS = new WriteOptions(Optional.empty(), Optional.empty(), Optional.empty());

    public WriteOptions withCompression(Compression c) { return new WriteOptions(Optional.of(c), chunkShape, byteOrder); }

    public WriteOptions withChunkShape(int x, int y, int z) {
        return new WriteOptions(compression, Optional.of(new int[] {x, y, z}), byteOrder);
    }

    public WriteOptions withByteOrder(ByteOrder o) { return new WriteOptions(compression, chunkShape, Optional.of(o)); }
}
