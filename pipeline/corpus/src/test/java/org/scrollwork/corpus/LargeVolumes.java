package org.scrollwork.corpus;

import org.scrollwork.io.ChunkedVolumes;
import org.scrollwork.io.DataType;
import org.scrollwork.io.ScanMetadata;
import org.scrollwork.io.Volume;

/** A lazily generated uint16 volume of any size whose voxels follow a closed form; nothing is held beyond the chunk cache. */
final class LargeVolumes {
    private LargeVolumes() {}

    static int value(long x, long y, long z) {
        return (int) ((x * 0x9E37L + y * 0x85EBL + z * 0xC2B2L + ((x * y) >>> 4)) & 0xFFFF);
    }

    /** Shape {@code [sx, sy, sz]}, one chunk per z slice. */
    static Volume<?> lazy(long sx, long sy, long sz) {
        return ChunkedVolumes.lazy(new long[] {sx, sy, sz}, new int[] {(int) sx, (int) sy, 1}, ScanMetadata.of(DataType.UINT16), (grid, min, size) -> {
            short[] a = new short[size[0] * size[1] * size[2]];
            int i = 0;
            for (int z = 0; z < size[2]; z++) {
                for (int y = 0; y < size[1]; y++) {
                    for (int x = 0; x < size[0]; x++) a[i++] = (short) value(min[0] + x, min[1] + y, min[2] + z);
                }
            }
            return a;
        }, 16L << 20);
    }

    /** Child-JVM entry: ingests a lazy volume of shape {@code args[1..3]} into a new corpus at {@code args[0]}. */
    public static void main(String[] args) {
        try (Corpus c = Corpus.create(java.nio.file.Path.of(args[0]), CorpusOptions.defaults())) {
            long t0 = System.nanoTime();
            CorpusRecord r = c.appendVolume(lazy(Long.parseLong(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3])), RecordMeta.of("phantom"),
                    java.util.OptionalInt.empty());
            System.out.printf("ingested record %d, %d bytes in %.1f s, max heap %d MiB%n", r.id(), r.length(), (System.nanoTime() - t0) / 1e9,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }
}
